using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Tenants;

namespace VcLab.Hosting.Tenants;

/// <summary>
/// Tenant clusters on the lab's super cluster (VirtualCluster installed): a ClusterVersion from the lab's own
/// control-plane image, a VirtualCluster followed to Running, and the tenant's own DNS (<see cref="TenantDns"/>: the
/// super cluster's CoreDNS image, forwarding to the super cluster's DNS). Each tenant's admin kubeconfig is a 0600 file that works from here.
/// </summary>
public sealed class LabTenants
{
    /// <summary>
    /// Tenants carry the mark of the lab's own install (the role's defaults), so that the installer's uninstall on the lab
    /// takes them along as its own.
    /// </summary>
    public static readonly Ownership Owner = Ownership.Default;
    public const string Namespace = "default";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly SuperCluster.SuperCluster _cluster;
    private readonly VirtualClusters _tenants;
    private readonly ClusterVersions _clusterVersions;
    private readonly TenantCreation _creation;

    public LabTenants(SuperCluster.SuperCluster cluster, IKubernetes superClient, TimeProvider time)
    {
        _cluster = cluster;
        _tenants = new VirtualClusters(superClient, time);
        _clusterVersions = new ClusterVersions(superClient);
        _creation = new TenantCreation(_tenants, superClient, time);
    }

    /// <summary>Where tenants' kubeconfigs are kept: <c>~/.vclab/clusters/&lt;cluster&gt;/tenants/</c>.</summary>
    public string KubeconfigDirectory => Path.Combine(Path.GetDirectoryName(_cluster.KubeconfigPath)!, "tenants");

    /// <summary>Creates the tenant and follows it to Running with its DNS; <paramref name="onPhase"/> hears of each step as it is done.</summary>
    public async Task<TenantCluster> CreateAsync(string name, CancellationToken cancellationToken, Action<TenantPhase>? onPhase = null)
    {
        ThrowIfNotATenantName(name);
        var image = _cluster.ControlPlaneImage
            ?? throw new InvalidOperationException($"The super cluster {_cluster.Name} has no control-plane image of the lab's (only the Debian-built lab makes one).");
        var clusterVersion = new TenantOptions().ClusterVersion;
        await _clusterVersions.ApplyAsync(ClusterVersionManifest.Create(clusterVersion, new TenantImages(image, image, image), Owner, LabTenantApiServer.RuntimeConfig), Owner.ManagedBy, dryRun: false, cancellationToken);
        var request = new TenantRequest(Namespace, name, clusterVersion, Path.Combine(KubeconfigDirectory, $"{name}.kubeconfig"), Owner, _cluster.CoreDnsImage);
        return (await _creation.CreateAsync(request, Timeout, cancellationToken, onPhase)).Tenant;
    }

    /// <summary>The first of tenant-1, tenant-2, ... that no VirtualCluster has taken.</summary>
    public async Task<string> NextNameAsync(CancellationToken cancellationToken)
    {
        var taken = (await _tenants.NamesAsync(Namespace, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(1, taken.Count + 1).Select(number => $"tenant-{number}").First(name => !taken.Contains(name));
    }

    /// <summary>Deletes the tenant, its namespaces and its kubeconfig file; false when there was nothing of it left to delete.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ThrowIfNotATenantName(name);
        var deleted = await _tenants.DeleteAsync(Namespace, name, Timeout, cancellationToken);
        File.Delete(Path.Combine(KubeconfigDirectory, $"{name}.kubeconfig"));
        return deleted;
    }

    /// <summary>A tenant's name becomes its kubeconfig's file name: '..' or a '/' must never reach a path.</summary>
    private static void ThrowIfNotATenantName(string name)
    {
        if (KubernetesNames.DnsLabelProblem("The tenant's name", name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }
    }
}
