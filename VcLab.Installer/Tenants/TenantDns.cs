using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant's own cluster DNS: CoreDNS in its kube-system (which the syncer runs on the super cluster's workers), with
/// the image the super cluster's own <c>kube-system/coredns</c> runs (or the one given), forwarding what is not the
/// tenant's to the super cluster's DNS (its <c>kube-system/kube-dns</c> Service). Without it a tenant's pods resolve no
/// Service name.
/// </summary>
public sealed class TenantDns
{
    private static readonly TimeSpan TokenInterval = TimeSpan.FromMilliseconds(200);
    private readonly ISuperClusterObjects? _superCluster;

    public TenantDns(string image, string? upstream)
        : this(image, upstream, null)
    {
    }

    private TenantDns(string image, string? upstream, ISuperClusterObjects? superCluster)
    {
        Image = image;
        Upstream = upstream;
        _superCluster = superCluster;
    }

    public string Image { get; }

    /// <summary>What the tenant's CoreDNS forwards to (null: nothing, only the tenant's own names answer).</summary>
    public string? Upstream { get; }

    /// <summary>From the super cluster: its CoreDNS image (unless <paramref name="image"/> is given) and its DNS Service's address.</summary>
    internal static async Task<TenantDns> OfSuperClusterAsync(ISuperClusterObjects superCluster, string? image, CancellationToken cancellationToken)
    {
        var chosen = image ?? await superCluster.DeploymentImageAsync("kube-system", CoreDns.Name, cancellationToken)
            ?? throw new InvalidOperationException(
                $"The super cluster has no kube-system/{CoreDns.Name} Deployment to take CoreDNS's image from, for the tenant's DNS: " +
                "give one with VirtualCluster:Tenant:CoreDnsImage (an image the workers can run).");
        return new TenantDns(chosen, await superCluster.ClusterIpAsync("kube-system", CoreDns.ServiceName, cancellationToken), superCluster);
    }

    /// <summary>
    /// Creates what its Deployment needs in a tenant whose API server has just started (through the admin kubeconfig's
    /// text): its ServiceAccount, whose token the tenant's controllers make as they start, its ConfigMap and Service.
    /// </summary>
    public async Task StartAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        using var client = await CoreDns.ClientForTextAsync(kubeconfig);
        await CoreDns.CreateSupportAsync(client, Upstream, serviceAddress: null, cancellationToken);
    }

    /// <summary>Deploys it into the tenant (through its kubeconfig) and waits until it answers.</summary>
    public async Task DeployAsync(TenantCluster tenant, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var client = CoreDns.ClientFor(tenant.KubeconfigPath);
        await CoreDns.CreateSupportAsync(client, Upstream, serviceAddress: null, cancellationToken);
        await WaitForTokenCopyAsync(client, tenant, timeout, time, cancellationToken);
        await CoreDns.CreateDeploymentAsync(client, Image, cancellationToken);
        await CoreDns.WaitReadyAsync(client, timeout, time, cancellationToken);
    }

    /// <summary>
    /// Waits until the syncer has copied CoreDNS's ServiceAccount token to the super cluster. The syncer makes a tenant's pod
    /// there only once its token is there, and until then tries again later and later (its queue backs off
    /// exponentially): a CoreDNS pod made the instant its token was made once waited 45 s for the syncer.
    /// </summary>
    private async Task WaitForTokenCopyAsync(IKubernetes client, TenantCluster tenant, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var superNamespace = SyncerNames.SuperClusterNamespace(tenant.ClusterNamespace, "kube-system");
        await Wait.UntilAsync($"the syncer copies the token of the tenant's ServiceAccount kube-system/{CoreDns.Name} to the super cluster ({superNamespace})", async token =>
        {
            var secret = await CoreDns.TokenSecretAsync(client, token);
            return secret is null ? Wait.Probe.Waiting("the tenant's token controller has not made it yet")
                : _superCluster is null || await _superCluster.HasTokenCopyAsync(superNamespace, secret, token) ? Wait.Probe.Ready("copied")
                : Wait.Probe.Waiting($"Secret {secret} made in the tenant, not copied yet");
        }, timeout, TokenInterval, time, cancellationToken);
    }
}
