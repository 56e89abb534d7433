using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Health of a super cluster: the API's readiness endpoint answers, every node is Ready, the control-plane pods Running.</summary>
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
    /// Waits until the control plane's static pods show in the API as kubeadm's do (a Running, Ready mirror pod per
    /// component, labelled <c>component</c> and <c>tier=control-plane</c>); past <paramref name="timeout"/> throws naming the others.
    /// </summary>
    public static async Task WaitForControlPlanePodsAsync(IKubernetes client, string node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missing = ControlPlanePods.Components;
        try
        {
            await Wait.UntilAsync($"the control-plane pods on {node} are Running", async token =>
            {
                var pods = await client.CoreV1.ListNamespacedPodAsync("kube-system", labelSelector: "tier=control-plane", fieldSelector: $"spec.nodeName={node}", cancellationToken: token);
                var running = pods.Items.Where(IsReady).Select(pod => pod.Metadata.Labels["component"]).ToHashSet(StringComparer.Ordinal);
                missing = [.. ControlPlanePods.Components.Where(component => !running.Contains(component))];
                return missing.Count == 0 ? Wait.Probe.Ready("all Running") : Wait.Probe.Waiting($"not Running: {string.Join(", ", missing)}");
            }, timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new SuperClusterException(
                $"The control-plane pods {string.Join(", ", missing)} on {node} were not Running within {timeout.TotalSeconds:F0} s: " +
                $"see their logs in {ControlPlanePods.LogGlob(node, "*")} on that node, and its kubelet's log.");
        }
    }

    /// <summary>
    /// Waits for a Deployment to have a ready pod; on timeout the error names its pods and quotes the log of the current
    /// rollout's pod (<see cref="DeploymentReadiness"/>), as a <see cref="SuperClusterException"/>.
    /// </summary>
    public static async Task WaitForDeploymentAsync(IKubernetes client, string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await DeploymentReadiness.WaitAsync(client, ns, name, timeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new SuperClusterException(exception.Message, exception);
        }
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

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;
}
