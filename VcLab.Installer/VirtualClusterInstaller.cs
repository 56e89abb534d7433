using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Uninstall;

namespace VcLab.Installer;

/// <summary>
/// The installer as a whole: runs the role's stages onto the configured super cluster and returns the recap; takes an
/// install down again (uninstall); and for a clean install (virtualcluster_clean_install) does the second, then the first.
/// </summary>
public sealed class VirtualClusterInstaller(StageRunner runner, Uninstaller uninstaller, InstallerSettings settings, TimeProvider time)
{
    public IReadOnlyList<string> Stages => runner.StageNames;

    public async Task<InstallRecap> RunAsync(StageSelection selection, bool checkMode, CancellationToken cancellationToken)
    {
        var context = new InstallContext(settings, checkMode, time);
        if (!settings.VirtualCluster.CleanInstall)
        {
            return await runner.RunAsync(context, selection, cancellationToken);
        }

        var teardown = await uninstaller.RunAsync(context, cancellationToken);
        if (teardown.Failed)
        {
            return teardown;
        }

        var install = await runner.RunAsync(context, selection, cancellationToken);
        return new InstallRecap([.. teardown.Stages, .. install.Stages]);
    }

    /// <summary>Removes what the install put on the super cluster; in check mode lists it.</summary>
    public Task<InstallRecap> UninstallAsync(bool checkMode, CancellationToken cancellationToken) =>
        uninstaller.RunAsync(new InstallContext(settings, checkMode, time), cancellationToken);
}
