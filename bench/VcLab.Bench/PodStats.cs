using System.Text.Json;
using k8s;
using VcLab.Hosting.SuperCluster;
using VcLab.Installer.Waiting;

namespace VcLab.Bench;

/// <summary>
/// One look at every pod's cgroup on the super cluster's nodes, from the kubelets' summary (sampled by cAdvisor every
/// 10-15 s): working set and CPU used since the container started. Not the nodes' own figures: on a host with cgroup v1
/// every node's kubelet reports the whole host as its node.
/// </summary>
internal sealed record PodStats(IReadOnlyList<PodStats.Pod> Pods)
{
    public sealed record Pod(string Namespace, string Name, long WorkingSetBytes, double CpuSeconds)
    {
        /// <summary>A tenant's etcd, apiserver or controller-manager (their StatefulSets' only pod).</summary>
        public string? TenantComponent => Name is "etcd-0" or "apiserver-0" or "controller-manager-0" ? Name[..^2] : null;
    }

    public IEnumerable<Pod> TenantControlPlanes => Pods.Where(pod => pod.TenantComponent is not null);

    public IEnumerable<Pod> InNamespace(string ns) => Pods.Where(pod => pod.Namespace == ns);

    /// <summary>
    /// The CPU-seconds the pods that <paramref name="which"/> picks used since <paramref name="earlier"/>: a pod seen then
    /// counts what it used since, one started since counts all it used.
    /// </summary>
    public double CpuSecondsSince(PodStats earlier, Func<Pod, bool> which) => Pods.Where(which).Sum(pod =>
        pod.CpuSeconds - (earlier.Pods.FirstOrDefault(seen => seen.Namespace == pod.Namespace && seen.Name == pod.Name)?.CpuSeconds ?? 0));

    /// <summary>
    /// A look once the kubelets have figures for <paramref name="tenantPods"/> tenant control-plane pods (a pod started
    /// a moment ago has none until cAdvisor's next sample: read at once, it counted 0 s of CPU and no memory).
    /// </summary>
    public static async Task<PodStats> ReadWithTenantPodsAsync(IKubernetes client, SuperCluster cluster, int tenantPods, CancellationToken cancellationToken)
    {
        PodStats stats = null!;
        await Wait.UntilAsync($"the kubelets' stats have {tenantPods} tenant control-plane pods with figures", async token =>
        {
            stats = await ReadAsync(client, cluster, token);
            var measured = stats.TenantControlPlanes.Count(pod => pod.CpuSeconds > 0 && pod.WorkingSetBytes > 0);
            return measured >= tenantPods ? Wait.Probe.Ready("all") : Wait.Probe.Waiting($"{measured} with figures");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), TimeProvider.System, cancellationToken);
        return stats;
    }

    public static async Task<PodStats> ReadAsync(IKubernetes client, SuperCluster cluster, CancellationToken cancellationToken)
    {
        var pods = new List<Pod>();
        foreach (var node in cluster.Nodes)
        {
            var summary = await client.CoreV1.ConnectGetNodeProxyWithPathAsync(node.Name, "stats/summary", cancellationToken: cancellationToken);
            using var document = await JsonDocument.ParseAsync(summary, cancellationToken: cancellationToken);
            foreach (var pod in document.RootElement.GetProperty("pods").EnumerateArray())
            {
                var reference = pod.GetProperty("podRef");
                pods.Add(new Pod(
                    reference.GetProperty("namespace").GetString() ?? string.Empty,
                    reference.GetProperty("name").GetString() ?? string.Empty,
                    pod.TryGetProperty("memory", out var memory) && memory.TryGetProperty("workingSetBytes", out var bytes) ? bytes.GetInt64() : 0,
                    pod.TryGetProperty("cpu", out var cpu) && cpu.TryGetProperty("usageCoreNanoSeconds", out var used) ? used.GetUInt64() / 1e9 : 0));
            }
        }

        return new PodStats(pods);
    }
}
