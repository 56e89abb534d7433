using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Tests.Installer.Tenants;

/// <summary>
/// VirtualClusters and ClusterVersions kept in memory, with the parts of vc-manager a test needs: its webhook refusing the
/// first creations (as while it restarts), what it does to a VirtualCluster once created (<see cref="OnCreated"/>), and a
/// deletion that takes some looks to finish (its finalizer). What happens is written to <see cref="Journal"/>.
/// </summary>
internal sealed class InMemoryTenancyApi(List<string> journal) : ITenancyApi
{
    private readonly Dictionary<(string Ns, string Name), V1Alpha1VirtualCluster> _virtualClusters = [];
    private readonly Dictionary<(string Ns, string Name), int> _deleting = [];

    public List<string> Journal { get; } = journal;

    public Dictionary<string, V1Alpha1ClusterVersion> ClusterVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>How many creations the webhook refuses before it answers.</summary>
    public int WebhookRefusals { get; set; }

    /// <summary>What vc-manager does to a VirtualCluster once it is created (its status, say).</summary>
    public Action<V1Alpha1VirtualCluster> OnCreated { get; set; } = _ => { };

    /// <summary>How many reads a deleted VirtualCluster is still seen, being deleted.</summary>
    public int ReadsWhileDeleting { get; set; }

    public V1Alpha1VirtualCluster Add(string ns, string name, IDictionary<string, string>? labels = null)
    {
        var vc = new V1Alpha1VirtualCluster { Metadata = new() { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString(), Labels = labels } };
        _virtualClusters[(ns, name)] = vc;
        return vc;
    }

    public Task<bool> InstalledAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<V1Alpha1VirtualCluster?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (_deleting.TryGetValue((ns, name), out var left) && left-- <= 0)
        {
            _virtualClusters.Remove((ns, name));
            _deleting.Remove((ns, name));
            Journal.Add($"VirtualCluster {ns}/{name} gone");
        }
        else if (_deleting.ContainsKey((ns, name)))
        {
            _deleting[(ns, name)] = left;
        }

        return Task.FromResult(_virtualClusters.GetValueOrDefault((ns, name)));
    }

    public Task<IReadOnlyList<V1Alpha1VirtualCluster>> ListAsync(string? ns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1Alpha1VirtualCluster>>([.. _virtualClusters.Values.Where(vc => ns is null || vc.Metadata.NamespaceProperty == ns)]);

    public Task CreateAsync(V1Alpha1VirtualCluster virtualCluster, string fieldManager, CancellationToken cancellationToken)
    {
        if (WebhookRefusals-- > 0)
        {
            Journal.Add("webhook refused");
            throw new WebhookUnavailableException("failed calling webhook \"virtualcluster.validating.webhook\": connection refused", new HttpRequestException());
        }

        virtualCluster.Metadata.Uid = Guid.NewGuid().ToString();
        _virtualClusters[(virtualCluster.Metadata.NamespaceProperty, virtualCluster.Metadata.Name)] = virtualCluster;
        Journal.Add($"VirtualCluster {virtualCluster.Metadata.NamespaceProperty}/{virtualCluster.Metadata.Name} created");
        OnCreated(virtualCluster);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (!_virtualClusters.TryGetValue((ns, name), out var vc))
        {
            return Task.FromResult(false);
        }

        Journal.Add($"VirtualCluster {ns}/{name} deleted");
        vc.Metadata.DeletionTimestamp = DateTime.UtcNow;
        _deleting[(ns, name)] = ReadsWhileDeleting;
        return Task.FromResult(true);
    }

    public Task AnnotateAsync(string ns, string name, string key, string? value, CancellationToken cancellationToken)
    {
        var metadata = _virtualClusters[(ns, name)].Metadata;
        metadata.Annotations ??= new Dictionary<string, string>();
        if (value is null)
        {
            metadata.Annotations.Remove(key);
        }
        else
        {
            metadata.Annotations[key] = value;
        }

        Journal.Add($"VirtualCluster {ns}/{name} annotated {key}={value ?? "(removed)"}");
        return Task.CompletedTask;
    }

    public Task<V1Alpha1ClusterVersion?> ReadClusterVersionAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(ClusterVersions.GetValueOrDefault(name));

    public Task ApplyClusterVersionAsync(V1Alpha1ClusterVersion clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            ClusterVersions[clusterVersion.Metadata.Name] = clusterVersion;
        }

        return Task.CompletedTask;
    }
}
