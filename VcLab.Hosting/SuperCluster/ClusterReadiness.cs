using k8s;
using k8s.Models;
using VcLab.Installer.Pipeline;

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

    /// <summary>
    /// Waits until every expected node is Ready; past <paramref name="timeout"/> throws naming the nodes that are not,
    /// with what <paramref name="logTail"/> gives for the first of them (its kubelet's last lines).
    /// </summary>
    public static async Task WaitForNodesAsync(
        IKubernetes client,
        IReadOnlyList<string> expected,
        TimeSpan timeout,
        Func<string, CancellationToken, Task<string>> logTail,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<string> notReady = expected;
        try
        {
            await Wait.UntilAsync($"nodes {string.Join(", ", expected)} are Ready", async token =>
            {
                notReady = await NotReadyNodesAsync(client, expected, token);
                return notReady.Count == 0 ? Wait.Probe.Ready("all Ready") : Wait.Probe.Waiting($"not Ready: {string.Join(", ", notReady)}");
            }, timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            var log = await logTail(notReady[0], cancellationToken);
            throw new SuperClusterException(
                $"Node(s) {string.Join(", ", notReady)} not Ready within {timeout.TotalSeconds:F0} s. Last lines of {notReady[0]}'s kubelet log:{Environment.NewLine}{log}");
        }
    }

    /// <summary>
    /// Waits until a Deployment has a ready replica; past <paramref name="timeout"/> throws naming it, with its pods'
    /// states and the last lines of the first one's log.
    /// </summary>
    public static async Task WaitForDeploymentAsync(IKubernetes client, string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        V1Deployment deployment = null!;
        try
        {
            await Wait.UntilAsync($"Deployment {ns}/{name} has a ready pod", async token =>
            {
                deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token);
                return deployment.Status?.ReadyReplicas is > 0 ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting("no ready pod");
            }, timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            var selector = string.Join(',', deployment.Spec.Selector.MatchLabels.Select(pair => $"{pair.Key}={pair.Value}"));
            var pods = (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items;
            var states = string.Join("; ", pods.Select(pod => $"{pod.Metadata.Name} on {pod.Spec.NodeName ?? "no node"}: {pod.Status.Phase} " +
                string.Join(' ', pod.Status.ContainerStatuses?.Select(status => status.State.Waiting?.Reason ?? (status.Ready ? "ready" : "not ready")) ?? [])));
            var log = string.Empty;
            // A pod of the current rollout first: one being deleted (v1.20 keeps them for their grace period) says nothing of why the new one fails.
            if (pods.OrderBy(pod => pod.Metadata.DeletionTimestamp is not null)
                    .FirstOrDefault(pod => pod.Status.ContainerStatuses?.Any(status => status.State.Running is not null || status.State.Terminated is not null || status.LastState?.Terminated is not null) == true) is { } started)
            {
                var text = await LogAsync(client, started, ns, previous: false, cancellationToken);
                if (string.IsNullOrWhiteSpace(text) && started.Status.ContainerStatuses.Any(status => status.LastState?.Terminated is not null))
                {
                    // Restarted, and the new container has not written anything yet: what the one before said.
                    text = await LogAsync(client, started, ns, previous: true, cancellationToken);
                }

                log = $"{Environment.NewLine}Last lines of {started.Metadata.Name}'s log:{Environment.NewLine}{text}";
            }

            throw new SuperClusterException($"Deployment {ns}/{name} has no ready pod within {timeout.TotalSeconds:F0} s. Pods: {(pods.Count == 0 ? "none" : states)}.{log}");
        }
    }

    private static async Task<string> LogAsync(IKubernetes client, V1Pod pod, string ns, bool previous, CancellationToken cancellationToken)
    {
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, tailLines: 30, previous: previous, cancellationToken: cancellationToken);
        return await new StreamReader(stream).ReadToEndAsync(cancellationToken);
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
