using k8s;
using VcLab.Installer.Kubernetes;

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
    public static async Task<TenantDns> OfSuperClusterAsync(IKubernetes superCluster, string? image, CancellationToken cancellationToken)
    {
        var deployment = await Absent.OrNullAsync(() => superCluster.AppsV1.ReadNamespacedDeploymentAsync(CoreDns.Name, "kube-system", cancellationToken: cancellationToken));
        var chosen = image ?? deployment?.Spec.Template.Spec.Containers.FirstOrDefault()?.Image
            ?? throw new InvalidOperationException(
                $"The super cluster has no kube-system/{CoreDns.Name} Deployment to take CoreDNS's image from, for the tenant's DNS: " +
                "give one with VirtualCluster:Tenant:CoreDnsImage (an image the workers can run).");
        var service = await Absent.OrNullAsync(() => superCluster.CoreV1.ReadNamespacedServiceAsync(CoreDns.ServiceName, "kube-system", cancellationToken: cancellationToken));
        return new TenantDns(chosen, service?.Spec.ClusterIP is { Length: > 0 } address && address != "None" ? address : null);
    }

    /// <summary>Deploys it into the tenant (through its kubeconfig) and waits until it answers.</summary>
    public async Task DeployAsync(TenantCluster tenant, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(tenant.KubeconfigPath));
        await CoreDns.DeployAsync(client, Image, Upstream, timeout, time, cancellationToken);
    }
}
