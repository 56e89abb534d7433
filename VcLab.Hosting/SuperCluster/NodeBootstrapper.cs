using System.Text;
using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Turns started node containers into Kubernetes nodes: files, routes, cgroups, services.</summary>
public sealed class NodeBootstrapper(IContainerEngine containers)
{
    public async Task PrepareAsync(ClusterNode node, IReadOnlyList<ClusterNode> all, IEnumerable<ContainerFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await containers.WriteFileAsync(node.ContainerId, file, cancellationToken);
        }

        // Pods on other nodes are reached through their node (bridge CNI, one /24 per node).
        var routes = all.Where(other => other != node).Select(other => $"ip route replace {other.PodSubnet} via {other.Address};");
        // kubelet runs in its own cgroup root, which must exist in every hierarchy first, and watches the static pods' folder.
        var cgroups = $"for hierarchy in /sys/fs/cgroup/*/; do mkdir -p \"${{hierarchy}}{node.CgroupRoot.TrimStart('/')}\"; done;";
        await RunAsync(node, ["sh", "-c", $"set -e; {string.Join(' ', routes)} {cgroups} mkdir -p {ControlPlanePods.ManifestDirectory};"], cancellationToken);
    }

    /// <summary>
    /// Side-loads an image into the node's containerd (k8s.io namespace), pinned, under its alias too: imported from the
    /// node-image cache that the node mounts.
    /// </summary>
    public async Task ImportAsync(ClusterNode node, NodeImage image, CancellationToken cancellationToken) =>
        await RunAsync(node, ["sh", "-c", image.ImportCommand()], cancellationToken);

    /// <summary>
    /// Places static pod manifests whole: written beside the folder the kubelet watches, then renamed into it, so that
    /// the kubelet never reads half a file.
    /// </summary>
    public async Task PlaceStaticPodsAsync(ClusterNode node, IReadOnlyList<ContainerFile> manifests, CancellationToken cancellationToken)
    {
        const string staging = ControlPlanePods.ManifestDirectory + ".new";
        foreach (var manifest in manifests)
        {
            await containers.WriteFileAsync(node.ContainerId, manifest with { Path = $"{staging}/{Path.GetFileName(manifest.Path)}" }, cancellationToken);
        }

        await RunAsync(node, ["sh", "-c", $"set -e; mv {staging}/*.yaml {ControlPlanePods.ManifestDirectory}/; rmdir {staging}"], cancellationToken);
    }

    internal async Task StartAsync(ClusterNode node, NodeService service, CancellationToken cancellationToken) =>
        await RunAsync(node, service.StartCommand, cancellationToken);

    /// <summary>Writes the lab's SSH key for the login user on the control plane, so it can reach every worker.</summary>
    public async Task InstallSshKeyAsync(ClusterNode node, string user, string privateKeyPem, CancellationToken cancellationToken)
    {
        var ids = await RunAsync(node, ["sh", "-c", $"id -u {user} && id -g {user} && getent passwd {user} | cut -d: -f6"], cancellationToken);
        var lines = ids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await containers.WriteFileAsync(
            node.ContainerId,
            new ContainerFile($"{lines[2]}/.ssh/id_ecdsa", Encoding.ASCII.GetBytes(privateKeyPem), UnixFileMode.UserRead | UnixFileMode.UserWrite, int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken);
    }

    /// <summary>The last lines of a log on the node; <paramref name="path"/> may be a shell glob of the lab's own making.</summary>
    public async Task<string> TailAsync(ClusterNode node, string path, int lines, CancellationToken cancellationToken)
    {
        var tail = await containers.ExecAsync(node.ContainerId, ["sh", "-c", $"tail -q -n {lines.ToString(System.Globalization.CultureInfo.InvariantCulture)} {path}"], cancellationToken);
        return tail.StandardOutput + tail.StandardError;
    }

    private async Task<ExecResult> RunAsync(ClusterNode node, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await containers.ExecAsync(node.ContainerId, command, cancellationToken);
        return result.Succeeded
            ? result
            : throw new SuperClusterException($"Node {node.Name}: '{string.Join(' ', command)}' exited with {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
    }
}
