using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Tenants;

namespace VcLab.Installer.Uninstall;

/// <summary>The uninstall's view of the super cluster, through its API (KubernetesClient).</summary>
internal sealed class KubernetesTeardownApi(IClusterConnection connection, InstallerSettings settings) : ITeardownApi
{
    /// <summary>The annotation vc-manager and the syncer put on every namespace of a tenant.</summary>
    public const string TenantAnnotation = "tenancy.x-k8s.io/vcname";

    private static readonly string[] Crds = [CustomResourceDefinitions.VirtualClusters, CustomResourceDefinitions.ClusterVersions];

    private static readonly TimeSpan PodsGoneTimeout = TimeSpan.FromSeconds(45);

    private IKubernetes Api => connection.Client;

    public async Task<IReadOnlyList<TeardownTarget>> ListAsync(TeardownKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case TeardownKind.VirtualCluster:
            case TeardownKind.ClusterVersion:
                var list = await OrNullAsync(() => Api.CustomObjects.ListClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, Plural(kind), cancellationToken: cancellationToken));
                return list is not JsonElement items ? [] : [.. items.GetProperty("items").EnumerateArray().Select(item => Target(kind, item.GetProperty("metadata")))];
            case TeardownKind.TenantNamespace:
                return [.. (await Api.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items
                    .Where(item => item.Metadata.Annotations?.ContainsKey(TenantAnnotation) == true)
                    .Select(item => new TeardownTarget(kind, null, item.Metadata.Name, item.Metadata.DeletionTimestamp is not null))];
            case TeardownKind.ComponentNamespace:
                var ns = await OrNullAsync(() => Api.CoreV1.ReadNamespaceAsync(settings.VirtualCluster.Namespace, cancellationToken: cancellationToken));
                return ns is null ? [] : [new TeardownTarget(kind, null, ns.Metadata.Name, ns.Metadata.DeletionTimestamp is not null)];
            default:
                return [.. (await Api.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: cancellationToken)).Items
                    .Where(item => Crds.Contains(item.Metadata.Name))
                    .Select(item => new TeardownTarget(kind, null, item.Metadata.Name, item.Metadata.DeletionTimestamp is not null))];
        }
    }

    public async Task DeleteAsync(TeardownTarget target, CancellationToken cancellationToken) =>
        await OrNullAsync<object>(async () => target.Kind switch
        {
            TeardownKind.VirtualCluster => await Api.CustomObjects.DeleteNamespacedCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, target.Namespace!, Plural(target.Kind), target.Name, cancellationToken: cancellationToken),
            TeardownKind.ClusterVersion => await Api.CustomObjects.DeleteClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, Plural(target.Kind), target.Name, cancellationToken: cancellationToken),
            TeardownKind.CustomResourceDefinition => await Api.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(target.Name, cancellationToken: cancellationToken),
            _ => await DeleteNamespaceAsync(target.Name, cancellationToken),
        });

    public async Task RemoveFinalizersAsync(TeardownTarget target, CancellationToken cancellationToken)
    {
        var patch = new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);
        await OrNullAsync(() => target.Namespace is { } ns
            ? Api.CustomObjects.PatchNamespacedCustomObjectAsync(patch, VirtualClusters.Group, VirtualClusters.Version, ns, Plural(target.Kind), target.Name, cancellationToken: cancellationToken)
            : Api.CustomObjects.PatchClusterCustomObjectAsync(patch, VirtualClusters.Group, VirtualClusters.Version, Plural(target.Kind), target.Name, cancellationToken: cancellationToken));
    }

    public async Task<bool> ManagerRunningAsync(CancellationToken cancellationToken) =>
        await OrNullAsync(() => Api.AppsV1.ReadNamespacedDeploymentAsync(ManifestNames.Manager, settings.VirtualCluster.Namespace, cancellationToken: cancellationToken))
            is { Status.AvailableReplicas: > 0 };

    /// <summary>
    /// The namespace controller checks a namespace whose pods are still terminating again only after their grace
    /// period (30 s by default). So its workloads and pods are deleted first, gracefully, and each pod that runs nothing
    /// any more (the kubelet's status says so) is then removed at once: v1.20's kubelet otherwise often takes until the
    /// grace period is over to let go of a pod it has already stopped (seen: 30 to 60 s). With them
    /// gone the namespace goes in a second or two. Pods that outlast the wait are left to the namespace controller.
    /// </summary>
    private async Task<V1Status> DeleteNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        // Foreground: each owner is marked deleted at once, so no controller creates a pod again while they go.
        var foreground = new V1DeleteOptions { PropagationPolicy = "Foreground" };
        await Api.AppsV1.DeleteCollectionNamespacedDeploymentAsync(name, foreground, cancellationToken: cancellationToken);
        await Api.AppsV1.DeleteCollectionNamespacedDaemonSetAsync(name, foreground, cancellationToken: cancellationToken);
        await Api.AppsV1.DeleteCollectionNamespacedStatefulSetAsync(name, foreground, cancellationToken: cancellationToken);
        await Api.AppsV1.DeleteCollectionNamespacedReplicaSetAsync(name, foreground, cancellationToken: cancellationToken);
        await Api.CoreV1.DeleteCollectionNamespacedPodAsync(name, cancellationToken: cancellationToken);
        try
        {
            await Wait.UntilAsync($"the pods of namespace {name} are gone", async token =>
            {
                var left = (await Api.CoreV1.ListNamespacedPodAsync(name, cancellationToken: token)).Items;
                foreach (var stopped in left.Where(PodDiagnosis.RunsNothing))
                {
                    await OrNullAsync(() => Api.CoreV1.DeleteNamespacedPodAsync(stopped.Metadata.Name, name, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: token));
                }

                return left.Count == 0 ? Wait.Probe.Ready("none") : Wait.Probe.Waiting($"{left.Count} pods");
            }, PodsGoneTimeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The namespace's deletion finishes them; it only takes longer.
        }

        return await Api.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cancellationToken);
    }

    private static string Plural(TeardownKind kind) => kind == TeardownKind.VirtualCluster ? "virtualclusters" : "clusterversions";

    private static TeardownTarget Target(TeardownKind kind, JsonElement metadata) => new(
        kind,
        metadata.TryGetProperty("namespace", out var ns) ? ns.GetString() : null,
        metadata.GetProperty("name").GetString()!,
        metadata.TryGetProperty("deletionTimestamp", out _));

    /// <summary>The result, or null when the object (or its kind) is not there: absent is what the uninstall wants.</summary>
    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
