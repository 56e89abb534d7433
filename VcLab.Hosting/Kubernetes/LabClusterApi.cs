using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes;

namespace VcLab.Hosting.Kubernetes;

/// <summary>
/// The few API calls the lab makes itself: its nodes and control-plane components (while it starts), the control plane's
/// role labels, and the demo's objects. Everything a tenant needs goes through the installer's tenant classes.
/// </summary>
internal static class LabClusterApi
{
    /// <summary>A client of the cluster a kubeconfig file reaches (the super cluster's, or a tenant's); dispose it.</summary>
    public static k8s.Kubernetes Connect(string kubeconfigPath) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));

    public static async Task<IReadOnlyList<V1Node>> NodesAsync(IKubernetes client, CancellationToken cancellationToken) =>
        [.. (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items];

    /// <summary>The control plane's components as the API server finds them (v1.20's <c>kubectl get componentstatuses</c>).</summary>
    public static async Task<IReadOnlyList<V1ComponentStatus>> ComponentStatusesAsync(IKubernetes client, CancellationToken cancellationToken) =>
        [.. (await client.CoreV1.ListComponentStatusAsync(cancellationToken: cancellationToken)).Items];

    /// <summary>Adds labels (with empty values) to a node.</summary>
    public static Task LabelNodeAsync(IKubernetes client, string node, IEnumerable<string> labels, CancellationToken cancellationToken)
    {
        var patch = new { metadata = new { labels = labels.ToDictionary(label => label, _ => string.Empty) } };
        return client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), node, cancellationToken: cancellationToken);
    }

    /// <summary>Creates the Deployment, or returns the metadata of the one of its name that is there already (left as it is).</summary>
    public static Task<V1ObjectMeta?> CreateUnlessPresentAsync(IKubernetes client, V1Deployment deployment, CancellationToken cancellationToken) =>
        CreateUnlessPresentAsync(
            () => client.AppsV1.ReadNamespacedDeploymentAsync(deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            () => client.AppsV1.CreateNamespacedDeploymentAsync(deployment, deployment.Metadata.NamespaceProperty, cancellationToken: cancellationToken));

    /// <summary>Creates the Service, or returns the metadata of the one of its name that is there already (left as it is).</summary>
    public static Task<V1ObjectMeta?> CreateUnlessPresentAsync(IKubernetes client, V1Service service, CancellationToken cancellationToken) =>
        CreateUnlessPresentAsync(
            () => client.CoreV1.ReadNamespacedServiceAsync(service.Metadata.Name, service.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            () => client.CoreV1.CreateNamespacedServiceAsync(service, service.Metadata.NamespaceProperty, cancellationToken: cancellationToken));

    /// <summary>The node port of a Service's first port: null when there is no such Service (yet), 0 when it has none.</summary>
    public static async Task<int?> NodePortAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken)) is { } service
            ? service.Spec.Ports?.FirstOrDefault()?.NodePort ?? 0
            : null;

    private static async Task<V1ObjectMeta?> CreateUnlessPresentAsync<T>(Func<Task<T>> read, Func<Task<T>> create)
        where T : class, IMetadata<V1ObjectMeta>
    {
        if (await Absent.OrNullAsync(read) is { } existing)
        {
            return existing.Metadata;
        }

        await create();
        return null;
    }
}
