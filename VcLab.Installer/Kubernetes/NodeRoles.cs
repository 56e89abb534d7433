using k8s;
using k8s.Models;
using VcLab.Installer.Manifests;

namespace VcLab.Installer.Kubernetes;

/// <summary>Which nodes are workers: those labelled neither control-plane nor (the older) master.</summary>
internal static class NodeRoles
{
    public static async Task<IReadOnlyList<string>> WorkerNamesAsync(IKubernetes client, CancellationToken cancellationToken) =>
        [.. (await WorkersAsync(client, cancellationToken)).Select(node => node.Metadata.Name)];

    /// <summary>The worker nodes, by name.</summary>
    public static async Task<IReadOnlyList<V1Node>> WorkersAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        return [.. nodes.Items
            .Where(node => node.Metadata.Labels is not { } labels || (!labels.ContainsKey(ManifestNames.ControlPlaneLabel) && !labels.ContainsKey(ManifestNames.MasterLabel)))
            .OrderBy(node => node.Metadata.Name, StringComparer.Ordinal)];
    }
}
