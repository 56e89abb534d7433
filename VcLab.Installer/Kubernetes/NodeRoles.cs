using k8s;
using VcLab.Installer.Manifests;

namespace VcLab.Installer.Kubernetes;

/// <summary>Which nodes are workers: those labelled neither control-plane nor (the older) master.</summary>
internal static class NodeRoles
{
    public static async Task<IReadOnlyList<string>> WorkerNamesAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        return [.. nodes.Items
            .Where(node => node.Metadata.Labels is not { } labels || (!labels.ContainsKey(ManifestNames.ControlPlaneLabel) && !labels.ContainsKey(ManifestNames.MasterLabel)))
            .Select(node => node.Metadata.Name)
            .Order(StringComparer.Ordinal)];
    }
}
