using System.Text;
using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>The super cluster's own objects through its API (opened when first used).</summary>
internal sealed class SuperClusterObjects(Func<IKubernetes> api) : ISuperClusterObjects
{
    private IKubernetes Api => api();

    public async Task<IReadOnlyList<V1Namespace>> NamespacesOfAsync(IReadOnlyCollection<string> virtualClusterUids, CancellationToken cancellationToken) =>
        [.. (await Api.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items
            .Where(item => item.Metadata.Annotations?.TryGetValue(V1Alpha1VirtualCluster.UidAnnotation, out var uid) == true && virtualClusterUids.Contains(uid))];

    public async Task<IReadOnlyList<V1Namespace>> NamespacesNamedForAsync(string virtualClusterNamespace, string virtualClusterName, CancellationToken cancellationToken) =>
        [.. (await Api.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items
            .Where(item => item.Metadata.Annotations is { } annotations
                && annotations.TryGetValue(V1Alpha1VirtualCluster.NamespaceAnnotation, out var ns) && ns == virtualClusterNamespace
                && annotations.TryGetValue(V1Alpha1VirtualCluster.NameAnnotation, out var name) && name == virtualClusterName)];

    public Task DeleteNamespaceAsync(V1Namespace ns, CancellationToken cancellationToken) =>
        Absent.OrNullAsync(() => Api.CoreV1.DeleteNamespaceAsync(
            ns.Metadata.Name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = ns.Metadata.Uid } }, cancellationToken: cancellationToken));

    /// <summary>
    /// Lists read with resourceVersion "0" are served from the API server's watch cache (milliseconds behind etcd on one
    /// API server) instead of a quorum read of etcd: a tenant's creation, pause and deletion poll its pods and
    /// StatefulSets every half second. Ten tenants followed at once that way, the same requests by hand for 20 s on the
    /// lab: the super cluster's API server and etcd used 2.4 instead of 3.2 CPU-seconds (their idle use included).
    /// </summary>
    internal const string FromCache = "0";

    public async Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, string? labelSelector, CancellationToken cancellationToken) =>
        [.. (await Api.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, resourceVersion: FromCache, cancellationToken: cancellationToken)).Items];

    public Task DeletePodsAsync(string ns, CancellationToken cancellationToken) =>
        Api.CoreV1.DeleteCollectionNamespacedPodAsync(ns, cancellationToken: cancellationToken);

    public Task RemoveStoppedPodAsync(V1Pod pod, CancellationToken cancellationToken) => StoppedPod.RemoveAsync(Api, pod, cancellationToken);

    public async Task<IReadOnlyList<V1StatefulSet>> StatefulSetsAsync(string ns, CancellationToken cancellationToken) =>
        [.. (await Api.AppsV1.ListNamespacedStatefulSetAsync(ns, resourceVersion: FromCache, cancellationToken: cancellationToken)).Items];

    public async Task<bool> ScaleStatefulSetAsync(string ns, string name, int replicas, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => Api.AppsV1.PatchNamespacedStatefulSetScaleAsync(
            new V1Patch(new { spec = new { replicas } }, V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken)) is not null;

    public Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken) => PodDescriptions.DescribeAsync(Api, pod, cancellationToken);

    public async Task<bool> HasTokenCopyAsync(string ns, string tenantSecretName, CancellationToken cancellationToken) =>
        (await Api.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: cancellationToken)).Items
            .Any(secret => secret.Metadata.Annotations?.TryGetValue(SyncerNames.TokenSecretNameAnnotation, out var name) == true && name == tenantSecretName);

    public async Task<string> SecretValueAsync(string ns, string name, string key, CancellationToken cancellationToken)
    {
        var secret = await Api.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        return secret.Data?.TryGetValue(key, out var value) == true
            ? Encoding.UTF8.GetString(value)
            : throw new InvalidOperationException($"Secret {ns}/{name} has no '{key}'.");
    }

    public async Task<int?> NodePortAsync(string ns, string service, CancellationToken cancellationToken) =>
        (await Api.CoreV1.ReadNamespacedServiceAsync(service, ns, cancellationToken: cancellationToken)).Spec.Ports?.FirstOrDefault()?.NodePort;

    public async Task<string> WorkerAddressAsync(CancellationToken cancellationToken)
    {
        var workers = await NodeRoles.WorkersAsync(Api, cancellationToken);
        var worker = workers.Count > 0 ? workers[0] : throw new InvalidOperationException("The super cluster has no worker node (a node labelled neither control-plane nor master) to reach a tenant's NodePort on.");
        return worker.Status?.Addresses?.FirstOrDefault(address => address.Type == "InternalIP")?.Address
            ?? throw new InvalidOperationException($"Node {worker.Metadata.Name} has no InternalIP address.");
    }

    public async Task<string?> DeploymentImageAsync(string ns, string name, CancellationToken cancellationToken) =>
        (await Absent.OrNullAsync(() => Api.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken)))?.Spec.Template.Spec.Containers.FirstOrDefault()?.Image;

    public async Task<string?> ClusterIpAsync(string ns, string service, CancellationToken cancellationToken) =>
        (await Absent.OrNullAsync(() => Api.CoreV1.ReadNamespacedServiceAsync(service, ns, cancellationToken: cancellationToken)))?.Spec.ClusterIP is { Length: > 0 } address && address != "None"
            ? address
            : null;
}
