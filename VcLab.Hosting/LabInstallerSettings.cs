using VcLab.Installer.Options;
using VcLab.Hosting.Tenants;

namespace VcLab.Hosting;

/// <summary>
/// The installer's settings (configuration keys, as in <c>VirtualCluster:Ssh:User</c>) that point it at the lab's
/// super cluster and build container. The AppHost passes them as environment variables, the test fixture in-process.
/// </summary>
public static class LabInstallerSettings
{
    /// <summary>
    /// The kubeconfig, the control plane's SSH settings, a tar cache next to the cluster's state, and the tenant API
    /// server's API groups for the lab's Kubernetes version. No tenant images: the installer takes them from the lab's
    /// control-plane static pods, as on a kubeadm cluster.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(SuperCluster.SuperCluster cluster)
    {
        var settings = new Dictionary<string, string>
        {
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.SuperclusterKubeconfigPath))] = cluster.KubeconfigPath,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.ControlPlaneHost))] = cluster.ControlPlane.Address,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.PrivateKeyPath))] = cluster.SshPrivateKeyPath,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.User))] = cluster.SshUser,
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.LocalCacheDir))] = Path.Combine(Path.GetDirectoryName(cluster.KubeconfigPath)!, "vc-images-cache"),
        };
        if (cluster.ControlPlaneImage is not null)
        {
            settings[SettingKeys.Of(TenantOptions.Section, nameof(TenantOptions.ApiServerRuntimeConfig))] = LabTenantApiServer.RuntimeConfig;
        }

        return settings;
    }

    /// <summary>Builds the real upstream source on the build container: the bundle it serves and the vendored modules offline.</summary>
    public static IReadOnlyDictionary<string, string> For(BuildContainer.BuildContainer container)
    {
        var settings = new Dictionary<string, string>
        {
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.FromSource))] = "true",
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.Host))] = container.BuildHost,
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.SourceRepo))] = container.SourceRepository,
        };
        if (container.OfflineUpstreamDir is { } offline)
        {
            settings[SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.OfflineUpstreamDir))] = offline;
        }

        if (container.SourceDir is { } checkout)
        {
            settings[SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.SourceDir))] = checkout;
        }

        return settings;
    }

    /// <summary>The installer's controller image cache in a folder of the caller's choosing (one that outlives the lab: <see cref="LabCaches"/>).</summary>
    public static IReadOnlyDictionary<string, string> ControllerCache(string directory) =>
        new Dictionary<string, string> { [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.LocalCacheDir))] = directory };

    /// <summary>A configuration key as an environment variable name (<c>:</c> becomes <c>__</c>).</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
