using VcLab.Hosting.Tenants;
using VcLab.Installer.Target;

namespace VcLab.Hosting;

/// <summary>The installer's target for the lab's super cluster and build container (the AppHost passes it as environment variables, the test fixture and the bench in-process).</summary>
public static class LabInstallTarget
{
    /// <summary>The lab's super cluster and its build container.</summary>
    public static InstallTarget For(SuperCluster.SuperCluster cluster, BuildContainer.BuildContainer container) => new(For(cluster), For(container));

    /// <summary>
    /// The kubeconfig, the control plane's SSH settings, a tar cache next to the cluster's state, and the tenant API
    /// server's API groups for the lab's Kubernetes version. No tenant images: the installer takes them from the lab's
    /// control-plane static pods, as on a kubeadm cluster.
    /// </summary>
    public static SuperClusterTarget For(SuperCluster.SuperCluster cluster) =>
        new(cluster.KubeconfigPath, cluster.ControlPlane.Address, cluster.SshUser, cluster.SshPrivateKeyPath)
        {
            ImageCacheDir = Path.Combine(Path.GetDirectoryName(cluster.KubeconfigPath)!, "vc-images-cache"),
            TenantApiServerRuntimeConfig = cluster.ControlPlaneImage is null ? null : LabTenantApiServer.RuntimeConfig,
        };

    /// <summary>Builds the real upstream source on the build container: the bundle it serves and the vendored modules offline.</summary>
    public static BuildHostTarget For(BuildContainer.BuildContainer container) =>
        new(container.BuildHost, container.SourceRepository) { OfflineUpstreamDir = container.OfflineUpstreamDir, SourceDir = container.SourceDir };
}
