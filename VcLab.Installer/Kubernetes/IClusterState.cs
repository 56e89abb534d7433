using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// What the stages read of the super cluster (crd, verify): whether the namespace is there, a CRD and its conditions,
/// the namespace's pods, its Services that have a ready endpoint, its events, and what a person would look at for a pod
/// that does not run.
/// </summary>
internal interface IClusterState
{
    Task<bool> NamespaceExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The CustomResourceDefinition with its status, or null when there is none of that name.</summary>
    Task<V1CustomResourceDefinition?> CustomResourceDefinitionAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>The names of the namespace's Services with at least one ready endpoint.</summary>
    Task<IReadOnlySet<string>> ReadyServicesAsync(string ns, CancellationToken cancellationToken);

    Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>The pod's node, reason, recent events and log tail (<see cref="PodDescriptions"/>).</summary>
    Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken);
}
