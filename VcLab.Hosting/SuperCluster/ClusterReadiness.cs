using k8s;
using k8s.Models;
using VcLab.Hosting.Kubernetes;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Waiting;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Health of a super cluster: the API's readiness endpoint answers, every node is Ready, the control plane's components healthy.</summary>
internal static class ClusterReadiness
{
    /// <summary>Names of the expected nodes that are not Ready (all of them when the API does not answer).</summary>
    public static async Task<IReadOnlyList<string>> NotReadyNodesAsync(IKubernetes client, IEnumerable<string> expected, CancellationToken cancellationToken)
    {
        var nodes = await LabClusterApi.NodesAsync(client, cancellationToken);
        var ready = nodes.Where(IsReady).Select(node => node.Metadata.Name).ToHashSet(StringComparer.Ordinal);
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
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<string> notReady = expected;
        try
        {
            await Wait.UntilAsync($"nodes {string.Join(", ", expected)} are Ready", async token =>
            {
                notReady = await NotReadyNodesAsync(client, expected, token);
                return notReady.Count == 0 ? Wait.Probe.Ready("all Ready") : Wait.Probe.Waiting($"not Ready: {string.Join(", ", notReady)}");
            }, timeout, TimeSpan.FromSeconds(1), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var log = await logTail(notReady[0], cancellationToken);
            throw new SuperClusterException(
                $"Node(s) {string.Join(", ", notReady)} not Ready within {timeout.TotalSeconds:F0} s. Last lines of {notReady[0]}'s kubelet log:{Environment.NewLine}{log}");
        }
    }

    /// <summary>
    /// Waits until the API server finds the control plane's other components healthy, as v1.20's <c>kubectl get
    /// componentstatuses</c> shows them (etcd, kube-controller-manager, kube-scheduler, which it asks on their node); past
    /// <paramref name="timeout"/> throws naming the others. Their mirror pods in kube-system show Running up to 10 s
    /// later: a kubelet reports a static pod's status only in its batch every 10 s once the mirror pod exists.
    /// </summary>
    public static async Task WaitForComponentsAsync(IKubernetes client, string node, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var unhealthy = "no component reported yet";
        try
        {
            await Wait.UntilAsync($"the control-plane components on {node} are healthy", async token =>
            {
                var statuses = await LabClusterApi.ComponentStatusesAsync(client, token);
                unhealthy = string.Join(", ", statuses
                    .Where(status => status.Conditions?.Any(condition => condition.Type == "Healthy" && condition.Status == "True") != true)
                    .Select(status => $"{status.Metadata.Name} ({status.Conditions?.FirstOrDefault()?.Error ?? "no condition"})"));
                return statuses.Count > 0 && unhealthy.Length == 0 ? Wait.Probe.Ready("all healthy") : Wait.Probe.Waiting($"not healthy: {unhealthy}");
            }, timeout, TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new SuperClusterException(
                $"The control-plane components on {node} were not healthy within {timeout.TotalSeconds:F0} s: {unhealthy}. " +
                $"See their logs in {ControlPlanePods.LogGlob(node, "*")} on that node, and its kubelet's log.");
        }
    }

    /// <summary>
    /// Waits for a Deployment to have a ready pod; on timeout the error names its pods and quotes the log of the current
    /// rollout's pod (<see cref="DeploymentReadiness"/>), as a <see cref="SuperClusterException"/>.
    /// </summary>
    public static async Task WaitForDeploymentAsync(IKubernetes client, string ns, string name, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await DeploymentReadiness.WaitAsync(client, ns, name, timeout, time, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new SuperClusterException(exception.Message, exception);
        }
    }

    /// <summary>True when /readyz answers "ok".</summary>
    public static async Task<bool> ApiReadyAsync(k8s.Kubernetes client, CancellationToken cancellationToken)
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
