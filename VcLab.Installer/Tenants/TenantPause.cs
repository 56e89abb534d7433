using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Tenants;

/// <summary>
/// Pauses a tenant and resumes it, as <c>vcluster pause</c> does: its API server and controller manager are scaled to
/// zero (their memory goes back to the super cluster) and the pods the syncer runs for it on the super cluster are
/// stopped; resuming scales them back and the syncer starts the pods again from what the tenant's etcd still holds.
/// etcd itself keeps running: the ClusterVersion VcLab writes (like upstream's sample) gives etcd no volume, so its data
/// lives as long as its pod does, and scaling it to zero would lose the tenant. The VirtualCluster carries the
/// annotation <see cref="TenantSummary.PausedAnnotation"/> while paused.
/// </summary>
public sealed class TenantPause(IKubernetes superCluster, TimeProvider time)
{
    /// <summary>The control-plane StatefulSets that are scaled (names from the ClusterVersion).</summary>
    public static readonly IReadOnlyList<string> Paused = ["apiserver", "controller-manager"];

    private const string TenantUidAnnotation = "tenancy.x-k8s.io/vcuid";

    public async Task PauseAsync(TenantSummary tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clusterNamespace = ControlPlaneOf(tenant);
        await AnnotateAsync(tenant, paused: true, cancellationToken);
        foreach (var set in Paused)
        {
            await ScaleAsync(clusterNamespace, set, 0, cancellationToken);
        }

        var synced = await SyncedNamespacesAsync(tenant, cancellationToken);
        foreach (var ns in synced)
        {
            await superCluster.CoreV1.DeleteCollectionNamespacedPodAsync(ns, cancellationToken: cancellationToken);
        }

        await Wait.UntilAsync($"tenant {tenant.Name} is paused", async token =>
        {
            var left = new List<string>();
            foreach (var set in Paused)
            {
                left.AddRange((await superCluster.CoreV1.ListNamespacedPodAsync(clusterNamespace, labelSelector: $"component-name={set}", cancellationToken: token)).Items.Select(pod => $"{clusterNamespace}/{pod.Metadata.Name}"));
            }

            foreach (var ns in synced)
            {
                left.AddRange((await superCluster.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: token)).Items.Select(pod => $"{ns}/{pod.Metadata.Name}"));
            }

            return left.Count == 0 ? Wait.Probe.Ready("paused") : Wait.Probe.Waiting($"pods still there: {string.Join(", ", left)}");
        }, timeout, TimeSpan.FromSeconds(1), time, cancellationToken);
    }

    public async Task ResumeAsync(TenantSummary tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clusterNamespace = ControlPlaneOf(tenant);
        foreach (var set in Paused)
        {
            await ScaleAsync(clusterNamespace, set, 1, cancellationToken);
        }

        await Wait.UntilAsync($"tenant {tenant.Name}'s control plane is ready again", async token =>
        {
            var notReady = new List<string>();
            foreach (var set in Paused)
            {
                var state = await superCluster.AppsV1.ReadNamespacedStatefulSetAsync(set, clusterNamespace, cancellationToken: token);
                if (state.Status?.ReadyReplicas is not >= 1)
                {
                    notReady.Add(set);
                }
            }

            return notReady.Count == 0 ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting($"not ready: {string.Join(", ", notReady)}");
        }, timeout, TimeSpan.FromSeconds(1), time, cancellationToken);
        await AnnotateAsync(tenant, paused: false, cancellationToken);
    }

    private static string ControlPlaneOf(TenantSummary tenant) =>
        tenant.ClusterNamespace ?? throw new InvalidOperationException($"Tenant {tenant.Namespace}/{tenant.Name} has no control plane (phase '{tenant.Phase}'): nothing to pause or resume.");

    /// <summary>The super cluster's namespaces that hold the tenant's synced objects (annotated with its VirtualCluster's uid), but its control plane's.</summary>
    private async Task<IReadOnlyList<string>> SyncedNamespacesAsync(TenantSummary tenant, CancellationToken cancellationToken) =>
        [.. (await superCluster.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items
            .Where(ns => ns.Metadata.Name != tenant.ClusterNamespace && tenant.Uid is not null
                && ns.Metadata.Annotations?.TryGetValue(TenantUidAnnotation, out var uid) == true && uid == tenant.Uid)
            .Select(ns => ns.Metadata.Name)];

    private async Task ScaleAsync(string ns, string statefulSet, int replicas, CancellationToken cancellationToken)
    {
        try
        {
            await superCluster.AppsV1.PatchNamespacedStatefulSetScaleAsync(
                new V1Patch(new { spec = new { replicas } }, V1Patch.PatchType.MergePatch), statefulSet, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"StatefulSet {ns}/{statefulSet} is not there: this tenant's control plane is not the one VcLab's ClusterVersion describes.", exception);
        }
    }

    private async Task AnnotateAsync(TenantSummary tenant, bool paused, CancellationToken cancellationToken)
    {
        var value = paused ? "\"true\"" : "null"; // null removes it (a JSON merge patch)
        var patch = new V1Patch("{\"metadata\":{\"annotations\":{\"" + TenantSummary.PausedAnnotation + "\":" + value + "}}}", V1Patch.PatchType.MergePatch);
        await superCluster.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, VirtualClusters.Group, VirtualClusters.Version, tenant.Namespace, "virtualclusters", tenant.Name, cancellationToken: cancellationToken);
    }
}
