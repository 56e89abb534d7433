namespace VcLab.Hosting;

/// <summary>
/// The installer's settings (configuration keys, as in <c>VirtualCluster:Ssh:User</c>) that point it at the lab's
/// super cluster and build container. The AppHost passes them as environment variables, the test fixture in-process.
/// </summary>
public static class LabInstallerSettings
{
    /// <summary>
    /// The kubeconfig, the control plane's SSH settings, a tar cache next to the cluster's state, and the tenant control
    /// plane's image (the lab has no kubeadm static pods to take it from).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(SuperCluster.SuperCluster cluster)
    {
        var settings = new Dictionary<string, string>
        {
            ["VirtualCluster:SuperclusterKubeconfigPath"] = cluster.KubeconfigPath,
            ["VirtualCluster:Ssh:ControlPlaneHost"] = cluster.ControlPlane.Address,
            ["VirtualCluster:Ssh:PrivateKeyPath"] = cluster.SshPrivateKeyPath,
            ["VirtualCluster:Ssh:User"] = cluster.SshUser,
            ["VirtualCluster:Images:LocalCacheDir"] = Path.Combine(Path.GetDirectoryName(cluster.KubeconfigPath)!, "vc-images-cache"),
        };
        if (cluster.TenantControlPlaneImage is { } image)
        {
            settings["VirtualCluster:Tenant:EtcdImage"] = image;
            settings["VirtualCluster:Tenant:ApiServerImage"] = image;
            settings["VirtualCluster:Tenant:ControllerManagerImage"] = image;
        }

        return settings;
    }

    /// <summary>Builds the real upstream source on the build container: the bundle it serves and the vendored modules offline.</summary>
    public static IReadOnlyDictionary<string, string> For(BuildContainer.BuildContainer container)
    {
        var settings = new Dictionary<string, string>
        {
            ["VirtualCluster:Build:FromSource"] = "true",
            ["VirtualCluster:Build:Host"] = container.BuildHost,
            ["VirtualCluster:Build:SourceRepo"] = container.SourceRepository,
        };
        if (container.OfflineUpstreamDir is { } offline)
        {
            settings["VirtualCluster:Build:OfflineUpstreamDir"] = offline;
        }

        return settings;
    }

    /// <summary>A configuration key as an environment variable name (<c>:</c> becomes <c>__</c>).</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
