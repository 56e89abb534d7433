using k8s;
using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant made the one way: its VirtualCluster created and followed to Running (<see cref="VirtualClusters"/>), then its
/// DNS (<see cref="TenantDns"/>, from the super cluster's own CoreDNS image unless one is named) answering before it
/// is called done, as the phase "dns ready". The installer's stage and command, and the lab, all make tenants here.
/// </summary>
public sealed class TenantCreation(VirtualClusters tenants, Lazy<IKubernetes> superCluster, TimeProvider time) : ITenantCreation
{
    public Task<string?> TakenAsync(string ns, string name, Ownership owner, CancellationToken cancellationToken) =>
        tenants.TakenAsync(ns, name, owner, cancellationToken);

    public async Task<TenantCreated> CreateAsync(TenantRequest request, TimeSpan timeout, CancellationToken cancellationToken, Action<TenantPhase>? onPhase = null)
    {
        var dns = await TenantDns.OfSuperClusterAsync(superCluster.Value, request.CoreDnsImage, cancellationToken);
        var (tenant, outcome) = await tenants.CreateAsync(
            request.Namespace, request.Name, request.ClusterVersion, request.KubeconfigPath, request.Owner, timeout, cancellationToken,
            ready: (created, token) => dns.DeployAsync(created, timeout, time, token), readyPhase: "dns ready", onPhase: onPhase);
        return new TenantCreated(tenant, outcome, dns.Image);
    }
}
