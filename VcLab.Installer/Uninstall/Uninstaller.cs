using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Uninstall;

/// <summary>
/// Takes an install down in the later role's order: every VirtualCluster (waiting for it to go), the tenants'
/// namespaces, every ClusterVersion, the components' namespace, both CRDs, then the component images on every worker.
/// Safe on a partial install (what is not there is not an error) and re-runnable; each step is a line of the recap.
/// </summary>
public sealed class Uninstaller(StageRunner runner)
{
    /// <summary>The service key of the uninstall's stages.</summary>
    public const string Key = "uninstall";

    public IReadOnlyList<string> Steps => runner.StageNames;

    public Task<InstallRecap> RunAsync(InstallContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(context, StageSelection.All, cancellationToken);
}
