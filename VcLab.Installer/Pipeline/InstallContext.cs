using System.Collections.Concurrent;
using VcLab.Installer.Options;

namespace VcLab.Installer.Pipeline;

/// <summary>
/// What every stage sees: the settings, check mode, when the run began (on <paramref name="time"/>, the machine's clock
/// unless given), and the records earlier stages published.
/// </summary>
public sealed class InstallContext(InstallerSettings settings, bool checkMode = false, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<Type, object> _outputs = new();

    public InstallerSettings Settings { get; } = settings;

    /// <summary>Report what would change without changing anything (--check).</summary>
    public bool CheckMode { get; } = checkMode;

    /// <summary>When the run began: verify judges the Warning events since then.</summary>
    public DateTimeOffset StartedAt { get; } = (time ?? TimeProvider.System).GetUtcNow();

    /// <summary>Hands an immutable record to later stages.</summary>
    public void Publish<T>(T record)
        where T : class => _outputs[typeof(T)] = record;

    public T? Find<T>()
        where T : class => _outputs.TryGetValue(typeof(T), out var record) ? (T)record : null;
}
