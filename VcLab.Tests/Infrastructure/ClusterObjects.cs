using VcLab.Testing;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// Every object of every listable kind on the lab's super cluster, as "Kind namespace/name" lines, read with kubectl on
/// the control plane: what a person compares before and after an install and its uninstall. Events are left out (they
/// record what happened and expire on their own).
/// </summary>
internal static class ClusterObjects
{
    public static async Task<SortedSet<string>> SnapshotAsync(VcLabFixture lab, CancellationToken cancellationToken)
    {
        const string Script = """
            k='kubectl --kubeconfig /etc/kubernetes/admin.conf'
            kinds=$($k api-resources --verbs=list -o name | grep -v -x -e events -e events.events.k8s.io | paste -sd, -)
            $k get "$kinds" --all-namespaces --no-headers -o custom-columns='KIND:.kind,NAMESPACE:.metadata.namespace,NAME:.metadata.name'
            """;
        var result = await lab.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["sh", "-c", Script], cancellationToken);
        Assert.True(result.Succeeded, $"Listing the cluster's objects failed: {result.StandardError}");
        return new SortedSet<string>(
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(fields => fields[1] == "<none>" ? $"{fields[0]} {fields[2]}" : $"{fields[0]} {fields[1]}/{fields[2]}"),
            StringComparer.Ordinal);
    }

    /// <summary>What is in <paramref name="after"/> and not in <paramref name="before"/>, and the other way round, in words; empty when they are the same.</summary>
    public static string Difference(IReadOnlySet<string> before, IReadOnlySet<string> after)
    {
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        return added.Count + removed.Count == 0
            ? string.Empty
            : $"left behind: [{string.Join(", ", added)}]; gone: [{string.Join(", ", removed)}]";
    }
}
