using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant's own cluster DNS: CoreDNS in its kube-system (which the syncer runs on the super cluster's workers), with
/// the image the super cluster's own <c>kube-system/coredns</c> runs (or the one given), forwarding what is not the
/// tenant's to the super cluster's DNS (its <c>kube-system/kube-dns</c> Service). Without it a tenant's pods resolve no
/// Service name.
/// </summary>
public sealed class TenantDns(string image, string? upstream)
{
    public string Image { get; } = image;

    /// <summary>What the tenant's CoreDNS forwards to (null: nothing, only the tenant's own names answer).</summary>
    public string? Upstream { get; } = upstream;

    /// <summary>From the super cluster: its CoreDNS image (unless <paramref name="image"/> is given) and its DNS Service's address.</summary>
    internal static async Task<TenantDns> OfSuperClusterAsync(ISuperClusterObjects superCluster, string? image, CancellationToken cancellationToken)
    {
        var chosen = image ?? await superCluster.DeploymentImageAsync("kube-system", CoreDns.Name, cancellationToken)
            ?? throw new InvalidOperationException(
                $"The super cluster has no kube-system/{CoreDns.Name} Deployment to take CoreDNS's image from, for the tenant's DNS: " +
                "give one with VirtualCluster:Tenant:CoreDnsImage (an image the workers can run).");
        return new TenantDns(chosen, await superCluster.ClusterIpAsync("kube-system", CoreDns.ServiceName, cancellationToken));
    }

    /// <summary>
    /// Creates its objects in a tenant whose API server has just started (through the admin kubeconfig's text), so that
    /// its ServiceAccount, ConfigMap and Deployment are there, and synced to the super cluster, by the time the tenant's
    /// controllers start.
    /// </summary>
    public Task StartAsync(string kubeconfig, CancellationToken cancellationToken) =>
        CoreDns.CreateWithKubeconfigAsync(kubeconfig, Image, Upstream, cancellationToken);

    /// <summary>Deploys it into the tenant (through its kubeconfig) and waits until it answers.</summary>
    public Task DeployAsync(TenantCluster tenant, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        CoreDns.DeployWithKubeconfigAsync(tenant.KubeconfigPath, Image, Upstream, timeout, time, cancellationToken);
}
