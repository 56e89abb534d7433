using System.Globalization;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>What a person would look at for a pod that is not running: its node, reason, events and log tail.</summary>
internal static class PodDescriptions
{
    public static async Task<string> DescribeAsync(IKubernetes client, V1Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var text = new StringBuilder();
        var waiting = pod.Status?.ContainerStatuses?.Select(status => status.State?.Waiting).FirstOrDefault(state => state is not null);
        var headline = string.Create(CultureInfo.InvariantCulture, $"pod {ns}/{name} on node {pod.Spec.NodeName ?? "(not scheduled)"}: {pod.Status?.Phase} {waiting?.Reason} {waiting?.Message}");
        text.AppendLine(headline.TrimEnd());
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.name={name}", cancellationToken: cancellationToken);
        foreach (var item in events.Items.OrderBy(item => item.LastTimestamp ?? item.EventTime).TakeLast(8))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  event {item.Type} {item.Reason}: {item.Message}");
        }

        try
        {
            await using var log = await client.CoreV1.ReadNamespacedPodLogAsync(name, ns, tailLines: 20, cancellationToken: cancellationToken);
            using var reader = new StreamReader(log);
            var tail = await reader.ReadToEndAsync(cancellationToken);
            if (tail.Length > 0)
            {
                text.AppendLine("  last lines of its log:").Append(tail);
            }
        }
        catch (HttpOperationException)
        {
            text.AppendLine("  (no log: the container has not started)");
        }

        return text.ToString().TrimEnd();
    }
}
