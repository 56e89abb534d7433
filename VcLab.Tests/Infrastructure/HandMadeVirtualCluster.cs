using k8s;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Infrastructure;

/// <summary>A VirtualCluster made as a person makes one by hand: no installer's mark (or another's), a ClusterVersion nobody has.</summary>
internal static class HandMadeVirtualCluster
{
    public static Task CreateAsync(IKubernetes client, string name, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new Dictionary<string, object> { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        return client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Dictionary<string, object>
            {
                ["apiVersion"] = $"{VirtualClusters.Group}/{VirtualClusters.Version}",
                ["kind"] = "VirtualCluster",
                ["metadata"] = metadata,
                ["spec"] = new Dictionary<string, object> { ["clusterVersionName"] = $"cv-theirs-{name}" },
            },
            VirtualClusters.Group, VirtualClusters.Version, "default", "virtualclusters", cancellationToken: cancellationToken);
    }
}
