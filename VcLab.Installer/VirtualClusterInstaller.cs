using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer;

/// <summary>The installer as a whole: runs the role's stages onto the configured super cluster and returns the recap.</summary>
public sealed class VirtualClusterInstaller(StageRunner runner, InstallerSettings settings)
{
    public IReadOnlyList<string> Stages => runner.StageNames;

    public Task<InstallRecap> RunAsync(StageSelection selection, bool checkMode, CancellationToken cancellationToken) =>
        runner.RunAsync(new InstallContext(settings, checkMode), selection, cancellationToken);
}
