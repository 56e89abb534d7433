using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>
/// The super cluster's own objects a tenant's work reads and changes: the namespaces vc-manager and the syncer made for a
/// VirtualCluster, its control plane's pods and StatefulSets, its admin kubeconfig and NodePort, and the images and DNS
/// the super cluster runs, which a tenant takes over.
/// </summary>
internal interface ISuperClusterObjects
{
    /// <summary>The namespaces annotated with one of these VirtualClusters' UIDs (<see cref="V1Alpha1VirtualCluster.UidAnnotation"/>), in one list.</summary>
    Task<IReadOnlyList<V1Namespace>> NamespacesOfAsync(IReadOnlyCollection<string> virtualClusterUids, CancellationToken cancellationToken);

    /// <summary>
    /// The namespaces annotated with a VirtualCluster's namespace and name (<see cref="V1Alpha1VirtualCluster.NamespaceAnnotation"/>,
    /// <see cref="V1Alpha1VirtualCluster.NameAnnotation"/>), whichever VirtualCluster of that name made them.
    /// </summary>
    Task<IReadOnlyList<V1Namespace>> NamespacesNamedForAsync(string virtualClusterNamespace, string virtualClusterName, CancellationToken cancellationToken);

    /// <summary>Deletes the namespace that was read, never one made again under its name since (a UID precondition); absent is fine.</summary>
    Task DeleteNamespaceAsync(V1Namespace ns, CancellationToken cancellationToken);

    /// <summary>
    /// The namespace's pods, those matching <paramref name="labelSelector"/> when one is given, as the API server's
    /// watch cache holds them (<see cref="SuperClusterObjects.FromCache"/>): every caller polls them.
    /// </summary>
    Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, string? labelSelector, CancellationToken cancellationToken);

    /// <summary>Deletes every pod of the namespace.</summary>
    Task DeletePodsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the object of a pod that is being deleted and runs nothing any more (<see cref="Stages.PodDiagnosis.RunsNothing"/>)
    /// at once (grace 0), never a pod made again under its name since (a UID precondition); absent is fine.
    /// </summary>
    Task RemoveStoppedPodAsync(V1Pod pod, CancellationToken cancellationToken);

    /// <summary>The namespace's StatefulSets, as the API server's watch cache holds them (every caller polls them).</summary>
    Task<IReadOnlyList<V1StatefulSet>> StatefulSetsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>Sets a StatefulSet's replicas; false when there is no StatefulSet of that name.</summary>
    Task<bool> ScaleStatefulSetAsync(string ns, string name, int replicas, CancellationToken cancellationToken);

    /// <summary>The pod's node, reason, recent events and log tail (<see cref="PodDescriptions"/>).</summary>
    Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the namespace holds the syncer's copy of a tenant's ServiceAccount token (a Secret annotated with the
    /// token's name in the tenant, <see cref="SyncerNames.TokenSecretNameAnnotation"/>); false when there is no such namespace.
    /// </summary>
    Task<bool> HasTokenCopyAsync(string ns, string tenantSecretName, CancellationToken cancellationToken);

    /// <summary>One value of a Secret, as text (a kubeconfig: never log it).</summary>
    Task<string> SecretValueAsync(string ns, string name, string key, CancellationToken cancellationToken);

    /// <summary>The node port of the Service's first port, or null when it has none.</summary>
    Task<int?> NodePortAsync(string ns, string service, CancellationToken cancellationToken);

    /// <summary>The first worker's (<see cref="NodeRoles"/>) internal address, where a NodePort answers.</summary>
    Task<string> WorkerAddressAsync(CancellationToken cancellationToken);

    /// <summary>The image of a Deployment's first container, or null when there is no such Deployment.</summary>
    Task<string?> DeploymentImageAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A Service's cluster IP, or null when there is no such Service or it is headless.</summary>
    Task<string?> ClusterIpAsync(string ns, string service, CancellationToken cancellationToken);
}
