using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant made the one way: its VirtualCluster created and followed to Running (<see cref="VirtualClusters"/>), and its
/// DNS (<see cref="TenantDns"/>, from the super cluster's own CoreDNS image unless one is named) answering before it
/// is called done, as the phase "dns ready" (begun as soon as the tenant's API server is ready). The installer's stage
/// and command, and the lab, all make tenants here.
/// </summary>
public sealed class TenantCreation : ITenantCreation
{
    private readonly VirtualClusters _tenants;
    private readonly ISuperClusterObjects _superCluster;
    private readonly TimeProvider _time;

    /// <summary>Tenants made on the super cluster this client reaches.</summary>
    public TenantCreation(IKubernetes superCluster, TimeProvider time)
        : this(new VirtualClusters(superCluster, time), superCluster, time)
    {
    }

    /// <summary>Tenants made through <paramref name="tenants"/>, which its caller also lists and deletes with.</summary>
    public TenantCreation(VirtualClusters tenants, IKubernetes superCluster, TimeProvider time)
        : this(tenants, new SuperClusterObjects(() => superCluster), time)
    {
    }

    internal TenantCreation(VirtualClusters tenants, ISuperClusterObjects superCluster, TimeProvider time)
    {
        _tenants = tenants;
        _superCluster = superCluster;
        _time = time;
    }

    public Task<string?> TakenAsync(string ns, string name, Ownership owner, CancellationToken cancellationToken) =>
        _tenants.TakenAsync(ns, name, owner, cancellationToken);

    public async Task<TenantCreated> CreateAsync(TenantRequest request, TimeSpan timeout, CancellationToken cancellationToken, Action<TenantPhase>? onPhase = null)
    {
        var dns = await TenantDns.OfSuperClusterAsync(_superCluster, request.CoreDnsImage, cancellationToken);
        var (tenant, outcome) = await _tenants.CreateAsync(
            request.Namespace, request.Name, request.ClusterVersion, request.KubeconfigPath, request.Owner, timeout, cancellationToken,
            new TenantReadiness("dns ready", dns.StartAsync, (created, token) => dns.DeployAsync(created, timeout, _time, token)), onPhase);
        return new TenantCreated(tenant, outcome, dns.Image);
    }
}
