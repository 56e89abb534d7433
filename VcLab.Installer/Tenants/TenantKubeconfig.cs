using k8s;
using k8s.KubeConfigModels;

namespace VcLab.Installer.Tenants;

/// <summary>
/// The tenant's admin kubeconfig made usable from outside the super cluster: its server (<c>apiserver-svc.NS:6443</c>,
/// a name only cluster DNS resolves) becomes the apiserver Service's NodePort on a node's address, and the name is kept
/// as the TLS server name (the certificate holds DNS names only).
/// </summary>
internal static class TenantKubeconfig
{
    public static string Rewrite(string kubeconfig, string nodeAddress, int nodePort)
    {
        var config = KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig);
        foreach (var cluster in config.Clusters)
        {
            var server = new Uri(cluster.ClusterEndpoint.Server.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal));
            cluster.ClusterEndpoint.TlsServerName = server.Host;
            cluster.ClusterEndpoint.Server = $"https://{nodeAddress}:{nodePort}";
        }

        return KubernetesYaml.Serialize(config);
    }
}
