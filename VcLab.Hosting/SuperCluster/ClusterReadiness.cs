using k8s;
using k8s.Models;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Health of a super cluster: the API's readiness endpoint answers and every node is Ready.</summary>
public static class ClusterReadiness
{
    /// <summary>Names of the expected nodes that are not Ready (all of them when the API does not answer).</summary>
    public static async Task<IReadOnlyList<string>> NotReadyNodesAsync(IKubernetes client, IEnumerable<string> expected, CancellationToken cancellationToken)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        var ready = nodes.Items.Where(IsReady).Select(node => node.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        return [.. expected.Where(name => !ready.Contains(name))];
    }

    /// <summary>True when /readyz answers "ok".</summary>
    public static async Task<bool> ApiReadyAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.HttpClient.GetAsync(new Uri(client.BaseUri, "/readyz"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;
}
