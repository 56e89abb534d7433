using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Installer;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// Removes a super cluster: its containers and network (found by the cluster label, <see cref="SuperCluster.ClusterLabel"/>),
/// its kubelet cgroups and its state folder (only when it carries VcLab's marker, see <see cref="OwnedFolder"/>). The
/// name is checked first: an empty name or <c>..</c> would otherwise name the state folder's parent. The image cache stays.
/// </summary>
public sealed class SuperClusterTeardown(IContainerEngine containers, ILogger logger)
{
    public async Task DeleteAsync(string name, string stateDirectory, CancellationToken cancellationToken)
    {
        if (SuperClusterOptions.NameProblem(name) is { } problem)
        {
            throw new SuperClusterException($"Nothing was deleted. {problem}");
        }

        var nodes = await containers.ListByLabelAsync(SuperCluster.ClusterLabel, name, cancellationToken);
        foreach (var container in nodes)
        {
            await containers.RemoveAsync(container, cancellationToken);
        }

        foreach (var network in await containers.ListNetworksByLabelAsync(SuperCluster.ClusterLabel, name, cancellationToken))
        {
            await containers.RemoveNetworkAsync(network, cancellationToken);
        }

        RemoveCgroups(name);
        var state = Path.Combine(stateDirectory, name);
        if (OwnedFolder.Delete(state, parent: stateDirectory) == DeleteOutcome.NotOwned)
        {
            HostingLog.StateFolderNotOwned(logger, state, OwnedFolder.MarkerFile);
        }

        HostingLog.ClusterDeleted(logger, name, nodes.Count);
    }

    /// <summary>kubelet cgroup roots live in the host's hierarchies (/sys/fs/cgroup/*/vclab/NAME-control-plane, NAME-worker, NAME-worker2...): remove them leaf first.</summary>
    private void RemoveCgroups(string clusterName)
    {
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var root = Path.Combine(hierarchy, "vclab");
            if (!Directory.Exists(root))
            {
                continue;
            }

            // Only this cluster's nodes: the cluster "vclab" must not take the cgroups of "vclab-test-1" with it.
            var ours = new Regex($"^{Regex.Escape(clusterName)}-(control-plane|worker[0-9]*)$", RegexOptions.CultureInvariant);
            foreach (var node in Directory.EnumerateDirectories(root).Where(node => ours.IsMatch(Path.GetFileName(node))))
            {
                RemoveLeafFirst(node);
            }
        }
    }

    private void RemoveLeafFirst(string directory)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            RemoveLeafFirst(child);
        }

        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (IOException exception)
        {
            HostingLog.CgroupNotRemoved(logger, directory, exception.Message);
        }
    }
}
