using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.SuperCluster;
using VcLab.Installer;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Target;

namespace VcLab.Bench;

/// <summary>
/// The installer on a bench's lab, quiet, pointed as the AppHost points it (the controller's image cache kept across
/// labs of the same name), with a config folder of its own; a run that does not succeed throws its recap.
/// </summary>
internal sealed class BenchInstaller(SuperCluster cluster, BuildContainer build)
{
    private readonly InstallTarget _target = new(LabInstallTarget.For(cluster) with { ImageCacheDir = LabCaches.ControllerImages(cluster.Name) }, LabInstallTarget.For(build));

    private readonly Dictionary<string, string?> _settings = new()
    {
        [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.ConfigDir))] = Directory.CreateTempSubdirectory("vclab-bench-").FullName,
    };

    /// <summary>Runs the selected stages; the recap (each stage's time) is returned.</summary>
    public async Task<InstallRecap> RunAsync(StageSelection selection, CancellationToken cancellationToken) =>
        Succeeded(await InProcessInstaller.RunAsync(_target, _settings, selection, checkMode: false, log: null, cancellationToken));

    public async Task UninstallAsync(CancellationToken cancellationToken) =>
        _ = Succeeded(await InProcessInstaller.UninstallAsync(_target, _settings, checkMode: false, log: null, cancellationToken));

    private static InstallRecap Succeeded(InstallRecap recap) =>
        recap.Succeeded ? recap : throw new InvalidOperationException(recap.ToString());
}
