using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>The super cluster's state, read from its API.</summary>
internal sealed class ClusterState(IClusterConnection connection) : IClusterState
{
    public async Task<bool> NamespaceExistsAsync(string name, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => connection.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken)) is not null;

    public Task<V1CustomResourceDefinition?> CustomResourceDefinitionAsync(string name, CancellationToken cancellationToken) =>
        Absent.OrNullAsync(() => connection.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, CancellationToken cancellationToken) =>
        [.. (await connection.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken)).Items];

    public async Task<IReadOnlySet<string>> ReadyServicesAsync(string ns, CancellationToken cancellationToken) =>
        (await connection.Client.CoreV1.ListNamespacedEndpointsAsync(ns, cancellationToken: cancellationToken)).Items
            .Where(endpoints => endpoints.Subsets?.Any(subset => subset.Addresses?.Count > 0) == true)
            .Select(endpoints => endpoints.Metadata.Name)
            .ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, CancellationToken cancellationToken) =>
        [.. (await connection.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: cancellationToken)).Items];

    public Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken) => PodDescriptions.DescribeAsync(connection.Client, pod, cancellationToken);
}
