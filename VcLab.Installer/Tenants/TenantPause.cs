using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Tenants;

/// <summary>
/// Pauses a tenant and resumes it, as <c>vcluster pause</c> does: its API server and controller manager are scaled to
/// zero (their memory goes back to the super cluster) and the pods the syncer runs for it on the super cluster are
/// stopped; resuming scales them back and the syncer starts the pods again from what the tenant's etcd still holds.
/// etcd itself keeps running: the ClusterVersion VcLab writes (like upstream's sample) gives etcd no volume, so its data
/// lives as long as its pod does, and scaling it to zero would lose the tenant. The VirtualCluster carries the
/// annotation <see cref="TenantSummary.PausedAnnotation"/> while paused.
/// </summary>
public sealed class TenantPause
{
    /// <summary>The control-plane StatefulSets that are scaled (names from the ClusterVersion).</summary>
    public static readonly IReadOnlyList<string> Paused = ["apiserver", "controller-manager"];

    private static readonly TimeSpan MinimumLeft = TimeSpan.FromSeconds(10);

    private readonly ITenancyApi _api;
    private readonly ISuperClusterObjects _cluster;
    private readonly TimeProvider _time;

    /// <summary>Pauses and resumes tenants on the super cluster this client reaches.</summary>
    public TenantPause(IKubernetes superCluster, TimeProvider time)
        : this(new TenancyApi(() => superCluster), new SuperClusterObjects(() => superCluster), time)
    {
    }

    internal TenantPause(ITenancyApi api, ISuperClusterObjects cluster, TimeProvider time)
    {
        _api = api;
        _cluster = cluster;
        _time = time;
    }

    public async Task PauseAsync(TenantSummary tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clusterNamespace = ControlPlaneOf(tenant);
        await AnnotateAsync(tenant, paused: true, cancellationToken);
        foreach (var set in Paused)
        {
            await ScaleAsync(clusterNamespace, set, 0, cancellationToken);
        }

        // One deadline for both waits; the second has at least a few looks of its own (its timeout is what it says).
        var deadline = _time.GetUtcNow() + timeout;
        await Wait.UntilAsync($"tenant {tenant.Name}'s API server and controller manager are stopped", async token =>
        {
            var left = new List<string>();
            foreach (var set in Paused)
            {
                var running = await RemoveStoppedAsync(await _cluster.PodsAsync(clusterNamespace, $"component-name={set}", token), token);
                left.AddRange(running.Select(pod => $"{clusterNamespace}/{pod.Metadata.Name}"));
            }

            return left.Count == 0 ? Wait.Probe.Ready("stopped") : Wait.Probe.Waiting($"pods still there: {string.Join(", ", left)}");
        }, timeout, TimeSpan.FromSeconds(1), _time, cancellationToken);

        // Only now: while the tenant's API server answers, the syncer takes a pod deleted on the super cluster for an
        // accident, deletes the tenant's pod, and its ReplicaSet makes another that the syncer puts on the super cluster
        // again (seen: a pause that waited 300 s for such a pod). A pod made again all the same is deleted again.
        var synced = await SyncedNamespacesAsync(tenant, cancellationToken);
        await Wait.UntilAsync($"tenant {tenant.Name}'s pods on the super cluster are stopped", async token =>
        {
            var left = new List<string>();
            foreach (var ns in synced)
            {
                var pods = await _cluster.PodsAsync(ns, null, token);
                if (pods.Any(pod => pod.Metadata.DeletionTimestamp is null))
                {
                    await _cluster.DeletePodsAsync(ns, token);
                }

                await RemoveStoppedAsync(pods, token);
                left.AddRange(pods.Select(pod => $"{ns}/{pod.Metadata.Name}"));
            }

            return left.Count == 0 ? Wait.Probe.Ready("paused") : Wait.Probe.Waiting($"pods still there: {string.Join(", ", left)}");
        }, Left(deadline), TimeSpan.FromSeconds(1), _time, cancellationToken);
    }

    public async Task ResumeAsync(TenantSummary tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clusterNamespace = ControlPlaneOf(tenant);

        // One after the other, as vc-manager first made them: v1.20's controller manager exits when the API server is not
        // healthy within 10 s of its start, and its restart then waits out a back-off (seen: resumed together, 23-27 s).
        var deadline = _time.GetUtcNow() + timeout;
        foreach (var set in Paused)
        {
            await ScaleAsync(clusterNamespace, set, 1, cancellationToken);
            await Wait.UntilAsync($"tenant {tenant.Name}'s {set} is ready again", async token =>
            {
                var ready = (await _cluster.StatefulSetsAsync(clusterNamespace, token)).Any(item => item.Metadata.Name == set && item.Status?.ReadyReplicas >= 1);
                return ready ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting("not ready");
            }, Left(deadline), TimeSpan.FromMilliseconds(500), _time, cancellationToken);
        }

        await AnnotateAsync(tenant, paused: false, cancellationToken);
    }

    /// <summary>
    /// Removes the pods among these that are being deleted and run nothing any more, at once (v1.20's kubelet lets go of
    /// them 10-20 s later), as a tenant's deletion does; returns the others.
    /// </summary>
    private async Task<IReadOnlyList<V1Pod>> RemoveStoppedAsync(IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
    {
        foreach (var stopped in pods.Where(PodDiagnosis.RunsNothing))
        {
            await _cluster.RemoveStoppedPodAsync(stopped, cancellationToken);
        }

        return [.. pods.Where(pod => !PodDiagnosis.RunsNothing(pod))];
    }

    private TimeSpan Left(DateTimeOffset deadline) => deadline - _time.GetUtcNow() is var left && left > MinimumLeft ? left : MinimumLeft;

    private static string ControlPlaneOf(TenantSummary tenant) =>
        tenant.ClusterNamespace ?? throw new InvalidOperationException($"Tenant {tenant.Namespace}/{tenant.Name} has no control plane (phase '{tenant.Phase}'): nothing to pause or resume.");

    /// <summary>The super cluster's namespaces that hold the tenant's synced objects (annotated with its VirtualCluster's uid), but its control plane's.</summary>
    private async Task<IReadOnlyList<string>> SyncedNamespacesAsync(TenantSummary tenant, CancellationToken cancellationToken) =>
        tenant.Uid is null
            ? []
            : [.. (await _cluster.NamespacesOfAsync([tenant.Uid], cancellationToken)).Select(ns => ns.Metadata.Name).Where(ns => ns != tenant.ClusterNamespace)];

    private async Task ScaleAsync(string ns, string statefulSet, int replicas, CancellationToken cancellationToken)
    {
        if (!await _cluster.ScaleStatefulSetAsync(ns, statefulSet, replicas, cancellationToken))
        {
            throw new InvalidOperationException($"StatefulSet {ns}/{statefulSet} is not there: this tenant's control plane is not the one VcLab's ClusterVersion describes.");
        }
    }

    private Task AnnotateAsync(TenantSummary tenant, bool paused, CancellationToken cancellationToken) =>
        _api.AnnotateAsync(tenant.Namespace, tenant.Name, TenantSummary.PausedAnnotation, paused ? "true" : null, cancellationToken);
}
