using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Target;

namespace VcLab.Installer;

/// <summary>
/// The installer run inside another program (the lab's fixture, the tests, the bench) with settings given as
/// configuration keys, exactly as the console entry point would bind them.
/// </summary>
public static class InProcessInstaller
{
    /// <summary>The installer on <paramref name="target"/>, with further <paramref name="settings"/> on top (they win over the target's).</summary>
    public static Task<InstallRecap> RunAsync(
        InstallTarget target, IReadOnlyDictionary<string, string?> settings, StageSelection selection, bool checkMode, ILoggerProvider? log, CancellationToken cancellationToken) =>
        RunAsync(target.WithSettings(settings), selection, checkMode, log, cancellationToken);

    /// <summary>The uninstall on <paramref name="target"/>, with further <paramref name="settings"/> on top.</summary>
    public static Task<InstallRecap> UninstallAsync(
        InstallTarget target, IReadOnlyDictionary<string, string?> settings, bool checkMode, ILoggerProvider? log, CancellationToken cancellationToken) =>
        UninstallAsync(target.WithSettings(settings), checkMode, log, cancellationToken);

    public static Task<InstallRecap> RunAsync(
        IReadOnlyDictionary<string, string?> settings, StageSelection selection, bool checkMode, ILoggerProvider? log, CancellationToken cancellationToken) =>
        WithInstallerAsync(settings, log, installer => installer.RunAsync(selection, checkMode, cancellationToken));

    /// <summary>The uninstall (<c>VcLab.Installer uninstall</c>) with the same settings.</summary>
    public static Task<InstallRecap> UninstallAsync(
        IReadOnlyDictionary<string, string?> settings, bool checkMode, ILoggerProvider? log, CancellationToken cancellationToken) =>
        WithInstallerAsync(settings, log, installer => installer.UninstallAsync(checkMode, cancellationToken));

    private static async Task<InstallRecap> WithInstallerAsync(
        IReadOnlyDictionary<string, string?> settings, ILoggerProvider? log, Func<VirtualClusterInstaller, Task<InstallRecap>> run)
    {
        var values = new Dictionary<string, string?>(settings) { ["VirtualCluster:Enabled"] = "true" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (log is not null)
                {
                    logging.AddProvider(log);
                }
            })
            .AddVirtualClusterInstaller(configuration)
            .BuildServiceProvider();
        return await run(services.GetRequiredService<VirtualClusterInstaller>());
    }
}
