using k8s.Models;
using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Tests.Installer.Tenants;

/// <summary>
/// A super cluster's own objects kept in memory, as the tenant classes see them: namespaces (one being deleted is gone by
/// the next look once it has no pods, as the namespace controller finishes it), pods and StatefulSets (scaled to zero, a StatefulSet's pods
/// go; scaled up, it is ready), Secrets, NodePorts, a worker's address and the super cluster's DNS. Deletions and
/// scalings are written to <see cref="Journal"/>.
/// </summary>
internal sealed class InMemorySuperClusterObjects(List<string> journal) : ISuperClusterObjects
{
    public List<string> Journal { get; } = journal;

    public List<V1Namespace> Namespaces { get; } = [];

    public List<V1Pod> Pods { get; } = [];

    public List<V1StatefulSet> StatefulSets { get; } = [];

    public Dictionary<(string Ns, string Name, string Key), string> Secrets { get; } = [];

    public Dictionary<(string Ns, string Name), int?> NodePorts { get; } = [];

    public string WorkerAddress { get; set; } = "10.0.0.5";

    /// <summary>A namespace, marked with a VirtualCluster's UID and (<paramref name="virtualCluster"/>: namespace/name) its name.</summary>
    public V1Namespace AddNamespace(string name, string? virtualClusterUid, bool terminating = false, string? virtualCluster = null)
    {
        var annotations = new Dictionary<string, string>();
        if (virtualClusterUid is not null)
        {
            annotations[V1Alpha1VirtualCluster.UidAnnotation] = virtualClusterUid;
        }

        if (virtualCluster?.Split('/') is [var vcNamespace, var vcName])
        {
            annotations[V1Alpha1VirtualCluster.NamespaceAnnotation] = vcNamespace;
            annotations[V1Alpha1VirtualCluster.NameAnnotation] = vcName;
        }

        var ns = new V1Namespace
        {
            Metadata = new()
            {
                Name = name,
                Uid = Guid.NewGuid().ToString(),
                Annotations = annotations.Count == 0 ? null : annotations,
                DeletionTimestamp = terminating ? DateTime.UtcNow : null,
            },
        };
        Namespaces.Add(ns);
        return ns;
    }

    /// <summary>A pod running (or waiting for <paramref name="waitingReason"/>); <paramref name="deleting"/>: being deleted, <paramref name="stopped"/>: its container has exited.</summary>
    public V1Pod AddPod(string ns, string name, string? component = null, string? waitingReason = null, bool deleting = false, bool stopped = false)
    {
        V1ContainerState state = stopped ? new() { Terminated = new() { ExitCode = 0 } } : waitingReason is null ? new() { Running = new() } : new() { Waiting = new() { Reason = waitingReason } };
        var pod = new V1Pod
        {
            Metadata = new()
            {
                Name = name,
                NamespaceProperty = ns,
                Uid = Guid.NewGuid().ToString(),
                Labels = component is null ? null : new Dictionary<string, string> { ["component-name"] = component },
                DeletionTimestamp = deleting ? DateTime.UtcNow : null,
            },
            Status = new()
            {
                Phase = waitingReason is null ? "Running" : "Pending",
                ContainerStatuses = [new() { Name = name, Ready = waitingReason is null && !stopped, State = state }],
            },
        };
        Pods.Add(pod);
        return pod;
    }

    public void AddStatefulSet(string ns, string name, int ready) =>
        StatefulSets.Add(new V1StatefulSet { Metadata = new() { Name = name, NamespaceProperty = ns }, Spec = new() { Replicas = ready }, Status = new() { ReadyReplicas = ready } });

    public Task<IReadOnlyList<V1Namespace>> NamespacesOfAsync(IReadOnlyCollection<string> virtualClusterUids, CancellationToken cancellationToken)
    {
        IReadOnlyList<V1Namespace> found = [.. Namespaces.Where(ns => ValueOf(ns.Metadata.Annotations, V1Alpha1VirtualCluster.UidAnnotation) is { } uid && virtualClusterUids.Contains(uid))];
        Namespaces.RemoveAll(ns => ns.Metadata.DeletionTimestamp is not null && !Pods.Any(pod => pod.Metadata.NamespaceProperty == ns.Metadata.Name));
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<V1Namespace>> NamespacesNamedForAsync(string virtualClusterNamespace, string virtualClusterName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1Namespace>>([.. Namespaces.Where(ns =>
            ValueOf(ns.Metadata.Annotations, V1Alpha1VirtualCluster.NamespaceAnnotation) == virtualClusterNamespace
            && ValueOf(ns.Metadata.Annotations, V1Alpha1VirtualCluster.NameAnnotation) == virtualClusterName)]);

    public Task DeleteNamespaceAsync(V1Namespace ns, CancellationToken cancellationToken)
    {
        var stored = Namespaces.SingleOrDefault(item => item.Metadata.Name == ns.Metadata.Name && item.Metadata.Uid == ns.Metadata.Uid);
        if (stored is not null)
        {
            stored.Metadata.DeletionTimestamp = DateTime.UtcNow;
            Journal.Add($"namespace {ns.Metadata.Name} deleted");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, string? labelSelector, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1Pod>>([.. Pods.Where(pod => pod.Metadata.NamespaceProperty == ns && Matches(pod, labelSelector))]);

    /// <summary>Pods the syncer makes again once after their namespace's pods are deleted (a tenant's ReplicaSet's new pod).</summary>
    public List<V1Pod> MadeAgainOnce { get; } = [];

    public Task DeletePodsAsync(string ns, CancellationToken cancellationToken)
    {
        Pods.RemoveAll(pod => pod.Metadata.NamespaceProperty == ns);
        Journal.Add($"pods of {ns} deleted");
        foreach (var again in MadeAgainOnce.Where(pod => pod.Metadata.NamespaceProperty == ns).ToList())
        {
            MadeAgainOnce.Remove(again);
            Pods.Add(again);
        }

        return Task.CompletedTask;
    }

    public Task RemoveStoppedPodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (Pods.RemoveAll(item => item.Metadata.Uid == pod.Metadata.Uid) > 0)
        {
            Journal.Add($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} removed");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<V1StatefulSet>> StatefulSetsAsync(string ns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1StatefulSet>>([.. StatefulSets.Where(set => set.Metadata.NamespaceProperty == ns)]);

    /// <summary>A scaled-down StatefulSet's pods stay, stopped and being deleted, until removed (as v1.20's kubelet leaves them for 10-20 s).</summary>
    public bool StoppedPodsLinger { get; set; }

    public Task<bool> ScaleStatefulSetAsync(string ns, string name, int replicas, CancellationToken cancellationToken)
    {
        if (StatefulSets.SingleOrDefault(set => set.Metadata.NamespaceProperty == ns && set.Metadata.Name == name) is not { } set)
        {
            return Task.FromResult(false);
        }

        set.Spec.Replicas = replicas;
        set.Status.ReadyReplicas = replicas;
        foreach (var pod in Pods.Where(pod => replicas == 0 && pod.Metadata.NamespaceProperty == ns && Matches(pod, $"component-name={name}")))
        {
            pod.Metadata.DeletionTimestamp = DateTime.UtcNow;
            pod.Status.ContainerStatuses = [new() { Name = pod.Metadata.Name, State = new() { Terminated = new() { ExitCode = 0 } } }];
        }

        if (!StoppedPodsLinger)
        {
            Pods.RemoveAll(pod => pod.Metadata.NamespaceProperty == ns && pod.Metadata.DeletionTimestamp is not null && Matches(pod, $"component-name={name}"));
        }

        Journal.Add($"StatefulSet {ns}/{name} scaled to {replicas}");
        return Task.FromResult(true);
    }

    public Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken) =>
        Task.FromResult($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} (its description)");

    /// <summary>The syncer's copies of tenant ServiceAccount tokens: (super cluster namespace, the token's name in the tenant).</summary>
    public HashSet<(string Ns, string TenantSecretName)> TokenCopies { get; } = [];

    public Task<bool> HasTokenCopyAsync(string ns, string tenantSecretName, CancellationToken cancellationToken) =>
        Task.FromResult(TokenCopies.Contains((ns, tenantSecretName)));

    public Task<string> SecretValueAsync(string ns, string name, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets[(ns, name, key)]);

    public Task<int?> NodePortAsync(string ns, string service, CancellationToken cancellationToken) =>
        Task.FromResult(NodePorts.GetValueOrDefault((ns, service)));

    public Task<string> WorkerAddressAsync(CancellationToken cancellationToken) => Task.FromResult(WorkerAddress);

    public Task<string?> DeploymentImageAsync(string ns, string name, CancellationToken cancellationToken) => Task.FromResult<string?>("coredns/coredns:1.10.1");

    public Task<string?> ClusterIpAsync(string ns, string service, CancellationToken cancellationToken) => Task.FromResult<string?>("10.96.0.10");

    private static bool Matches(V1Pod pod, string? labelSelector) =>
        labelSelector is null
        || (labelSelector.Split('=') is [var key, var value] && ValueOf(pod.Metadata.Labels, key) == value);

    private static string? ValueOf(IDictionary<string, string>? map, string key) => map is not null && map.TryGetValue(key, out var value) ? value : null;
}
