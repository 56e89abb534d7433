using k8s;
using k8s.Models;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Kubernetes;

/// <summary>A Deployment with a ready pod, waited for; when it never has one, the error says why in the pod's own words.</summary>
public static class DeploymentReadiness
{
    /// <summary>
    /// Waits for a Deployment to have a ready pod; on timeout a <see cref="TimeoutException"/> names its pods and quotes the
    /// log of the current rollout's pod (its previous container's when the restarted one has said nothing yet).
    /// </summary>
    public static async Task WaitAsync(IKubernetes client, string ns, string name, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        V1Deployment deployment = null!;
        try
        {
            await Wait.UntilAsync($"Deployment {ns}/{name} has a ready pod", async token =>
            {
                deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token);
                return deployment.Status?.ReadyReplicas is > 0 ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting("no ready pod");
            }, timeout, TimeSpan.FromMilliseconds(500), time, cancellationToken);
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

            throw new TimeoutException($"Deployment {ns}/{name} has no ready pod within {timeout.TotalSeconds:F0} s. Pods: {(pods.Count == 0 ? "none" : states)}.{log}");
        }
    }

    private static async Task<string> LogAsync(IKubernetes client, V1Pod pod, string ns, bool previous, CancellationToken cancellationToken)
    {
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, tailLines: 30, previous: previous, cancellationToken: cancellationToken);
        return await new StreamReader(stream).ReadToEndAsync(cancellationToken);
    }
}
