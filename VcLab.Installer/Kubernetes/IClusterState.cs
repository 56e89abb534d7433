using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// What verify reads of the super cluster: whether the namespace and the CRDs are there, the namespace's pods, its
/// Services that have a ready endpoint, its events, and what a person would look at for a pod that does not run.
/// </summary>
internal interface IClusterState
{
    Task<bool> NamespaceExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Whether the CustomResourceDefinition exists with its Established condition True.</summary>
    Task<bool> IsEstablishedAsync(string crd, CancellationToken cancellationToken);

    Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>The names of the namespace's Services with at least one ready endpoint.</summary>
    Task<IReadOnlySet<string>> ReadyServicesAsync(string ns, CancellationToken cancellationToken);

    Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>The pod's node, reason, recent events and log tail (<see cref="Stages.PodDiagnosis"/>).</summary>
    Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken);
}
