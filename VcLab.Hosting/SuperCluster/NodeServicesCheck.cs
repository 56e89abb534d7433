using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// Whether the lab's services still run in its node containers: a container restarted (by hand, or by the engine)
/// runs none of what the lab started in it (kube-apiserver on the control plane, a kubelet on every node). The static
/// pods' processes are seen from the node: their PID namespaces are children of the node container's.
/// </summary>
internal static class NodeServicesCheck
{
    /// <summary>"kubelet not running on NODE (its container was restarted?)" for the first node missing a service; null when all run.</summary>
    public static async Task<string?> ProblemAsync(IContainerEngine containers, IEnumerable<ClusterNode> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            var services = node.Role == NodeRole.ControlPlane ? "kube-apiserver kubelet" : "kubelet";
            var check = await containers.ExecAsync(node.ContainerId, ["sh", "-c", $"for s in {services}; do pgrep -x $s >/dev/null || echo $s; done"], cancellationToken);
            if (!check.Succeeded)
            {
                return $"{node.Name} does not answer ({check.StandardError.Trim()})";
            }

            if (check.StandardOutput.Trim() is { Length: > 0 } missing)
            {
                return $"{missing.Replace('\n', ' ')} not running on {node.Name} (its container was restarted?)";
            }
        }

        return null;
    }
}
