using VcLab.Installer.Options;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// The mark an install puts on everything it applies (<c>app.kubernetes.io/managed-by</c> = its field manager,
/// <c>app.kubernetes.io/instance</c> = its components' namespace), and by which its uninstall finds what is its own:
/// an object without this mark is someone else's and is never deleted (unless the user says to take it along).
/// </summary>
public sealed record Ownership(string ManagedBy, string Instance)
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    /// <summary>The mark of an install with these settings.</summary>
    public static Ownership Of(InstallerSettings settings) => new(settings.VirtualCluster.FieldManager, settings.VirtualCluster.Namespace);

    /// <summary>The mark of an install with the role's defaults (the lab's own install).</summary>
    public static Ownership Default { get; } = Of(InstallerSettings.Defaults());

    /// <summary>Both labels, to add to an object's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string> { [ManagedByLabel] = ManagedBy, [InstanceLabel] = Instance };

    /// <summary>A label selector matching exactly what carries this mark.</summary>
    public string Selector => $"{ManagedByLabel}={ManagedBy},{InstanceLabel}={Instance}";

    /// <summary>Whether labels carry this mark.</summary>
    public bool Owns(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(ManagedByLabel, out var by) && by == ManagedBy && labels.TryGetValue(InstanceLabel, out var instance) && instance == Instance;

    /// <summary>Who made an object with these labels, in words for a message.</summary>
    public static string Maker(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(ManagedByLabel, out var by)
            ? $"'{by}'{(labels.TryGetValue(InstanceLabel, out var instance) ? $" (instance '{instance}')" : string.Empty)}"
            : $"someone else (no {ManagedByLabel} label)";
}
