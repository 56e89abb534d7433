using System.Text.Json;
using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;
using VcLab.Installer.Stages;
using VcLab.Installer.Tenants;
using VcLab.Installer.Uninstall;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// The uninstall's view of the super cluster, through its API (KubernetesClient). What carries the install's mark
/// (<see cref="Ownership"/>) is its own; of what the components make themselves, only what is proven theirs by name and
/// place is taken: vc-manager's webhook configuration pointing at the install's namespace, and (in a namespace that is
/// someone else's) the webhook Service and the leader-election locks vc-manager and the syncer keep there.
/// </summary>
internal sealed class KubernetesTeardownApi(IClusterConnection connection, InstallerSettings settings, TimeProvider time) : ITeardownApi
{
    /// <summary>The annotation vc-manager and the syncer put on every namespace of a tenant.</summary>
    public const string TenantAnnotation = V1Alpha1VirtualCluster.NameAnnotation;
    private const string TenantNamespaceAnnotation = V1Alpha1VirtualCluster.NamespaceAnnotation;
    private const string TenantUidAnnotation = VirtualClusters.VirtualClusterUidAnnotation;

    /// <summary>vc-manager's webhook Service (upstream's <c>VCWebhookServiceName</c>), made by vc-manager in its namespace.</summary>
    public const string WebhookService = "virtualcluster-webhook-service";

    /// <summary>vc-manager's webhook configuration (upstream's <c>VCWebhookCfgName</c>).</summary>
    public const string WebhookConfiguration = "virtualcluster-validating-webhook-configuration";

    /// <summary>The leader-election locks (ConfigMap and Lease) of vc-manager and the syncer, by upstream's default names.</summary>
    private static readonly string[] LeaderLocks = ["vc-manager-leaderelection-lock", "vc-syncer-leaderelection-lock", "syncer-leaderelection-lock"];

    private static readonly string[] Crds = [CustomResourceDefinitions.VirtualClusters, CustomResourceDefinitions.ClusterVersions];

    private static readonly TimeSpan PodsGoneTimeout = TimeSpan.FromSeconds(45);

    private readonly Ownership _owner = Ownership.Of(settings);

    private IKubernetes Api => connection.Client;

    private string ComponentNamespace => settings.VirtualCluster.Namespace;

    public async Task<IReadOnlyList<TeardownTarget>> ListAsync(TeardownKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case TeardownKind.VirtualCluster:
            case TeardownKind.ClusterVersion:
                var list = await Absent.OrNullAsync(() => Api.CustomObjects.ListClusterCustomObjectAsync<ObjectMetadataList>(
                    VirtualClusters.Group, VirtualClusters.Version, Plural(kind), cancellationToken: cancellationToken));
                return list is null ? [] : [.. list.Items.Select(item => Target(kind, item.Metadata))];
            case TeardownKind.TenantNamespace:
                return [.. (await Api.CoreV1.ListNamespaceAsync(labelSelector: _owner.Selector, cancellationToken: cancellationToken)).Items
                    .Where(item => item.Metadata.Annotations?.ContainsKey(TenantAnnotation) == true)
                    .Select(item => new TeardownTarget(kind, null, item.Metadata.Name, item.Metadata.DeletionTimestamp is not null))];
            case TeardownKind.ComponentNamespace:
                var ns = await Absent.OrNullAsync(() => Api.CoreV1.ReadNamespaceAsync(ComponentNamespace, cancellationToken: cancellationToken));
                if (ns is null)
                {
                    return [];
                }

                var owned = _owner.Owns(ns.Metadata.Labels?.AsReadOnly());
                return owned || (await InstallObjectsInAsync(ComponentNamespace, cancellationToken)).Count > 0
                    ? [new TeardownTarget(kind, null, ns.Metadata.Name, ns.Metadata.DeletionTimestamp is not null, owned)]
                    : [];
            case TeardownKind.ClusterScoped:
                return await ClusterScopedAsync(cancellationToken);
            default:
                return [.. (await Api.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: cancellationToken)).Items
                    .Where(item => Crds.Contains(item.Metadata.Name))
                    .Select(item => new TeardownTarget(kind, null, item.Metadata.Name, item.Metadata.DeletionTimestamp is not null, _owner.Owns(item.Metadata.Labels?.AsReadOnly())))];
        }
    }

    public async Task DeleteAsync(TeardownTarget target, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync<object>(async () => target switch
        {
            { Kind: TeardownKind.VirtualCluster } => await Api.CustomObjects.DeleteNamespacedCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, target.Namespace!, Plural(target.Kind), target.Name, cancellationToken: cancellationToken),
            { Kind: TeardownKind.ClusterVersion } => await Api.CustomObjects.DeleteClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, Plural(target.Kind), target.Name, cancellationToken: cancellationToken),
            { Kind: TeardownKind.CustomResourceDefinition } => await Api.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(target.Name, cancellationToken: cancellationToken),
            { Kind: TeardownKind.ClusterScoped } => await DeleteClusterScopedAsync(target, cancellationToken),
            { Kind: TeardownKind.ComponentNamespace, Owned: false } => await DeleteInstallObjectsAsync(target.Name, cancellationToken),
            _ => await DeleteNamespaceAsync(target.Name, cancellationToken),
        });

    public async Task RemoveFinalizersAsync(TeardownTarget target, CancellationToken cancellationToken)
    {
        var patch = new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);
        await Absent.OrNullAsync(() => target.Namespace is { } ns
            ? Api.CustomObjects.PatchNamespacedCustomObjectAsync(patch, VirtualClusters.Group, VirtualClusters.Version, ns, Plural(target.Kind), target.Name, cancellationToken: cancellationToken)
            : Api.CustomObjects.PatchClusterCustomObjectAsync(patch, VirtualClusters.Group, VirtualClusters.Version, Plural(target.Kind), target.Name, cancellationToken: cancellationToken));
    }

    public async Task ClaimTenantNamespacesAsync(IReadOnlyList<TeardownTarget> virtualClusters, CancellationToken cancellationToken)
    {
        bool Made(V1Namespace ns, TeardownTarget vc)
        {
            var annotations = ns.Metadata.Annotations!.AsReadOnly();
            return annotations.TryGetValue(TenantUidAnnotation, out var uid) && vc.Uid is not null
                ? uid == vc.Uid
                : annotations.GetValueOrDefault(TenantAnnotation) == vc.Name && annotations.GetValueOrDefault(TenantNamespaceAnnotation) == vc.Namespace;
        }

        var patch = new V1Patch(JsonSerializer.Serialize(new { metadata = new { labels = _owner.Labels } }), V1Patch.PatchType.MergePatch);
        foreach (var ns in (await Api.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items
            .Where(ns => ns.Metadata.Annotations?.ContainsKey(TenantAnnotation) == true && virtualClusters.Any(vc => Made(ns, vc))))
        {
            await Absent.OrNullAsync(() => Api.CoreV1.PatchNamespaceAsync(patch, ns.Metadata.Name, cancellationToken: cancellationToken));
        }
    }

    public async Task<bool> ManagerRunningAsync(CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => Api.AppsV1.ReadNamespacedDeploymentAsync(ManifestNames.Manager, ComponentNamespace, cancellationToken: cancellationToken))
            is { Status.AvailableReplicas: > 0 };

    /// <summary>
    /// The install's ClusterRoles and bindings (by its mark), and vc-manager's webhook configurations when every webhook in
    /// them calls a Service in the install's namespace.
    /// </summary>
    private async Task<IReadOnlyList<TeardownTarget>> ClusterScopedAsync(CancellationToken cancellationToken)
    {
        static TeardownTarget Of(string resource, V1ObjectMeta metadata) =>
            new(TeardownKind.ClusterScoped, null, metadata.Name, metadata.DeletionTimestamp is not null, Resource: resource);

        var roles = (await Api.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: _owner.Selector, cancellationToken: cancellationToken)).Items.Select(role => Of("ClusterRole", role.Metadata));
        var bindings = (await Api.RbacAuthorizationV1.ListClusterRoleBindingAsync(labelSelector: _owner.Selector, cancellationToken: cancellationToken)).Items.Select(binding => Of("ClusterRoleBinding", binding.Metadata));
        var webhooks = (await Api.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: cancellationToken)).Items
            .Where(configuration => configuration.Metadata.Name == WebhookConfiguration && configuration.Webhooks is { Count: > 0 } hooks
                && hooks.All(hook => hook.ClientConfig?.Service?.NamespaceProperty == ComponentNamespace && hook.ClientConfig.Service.Name == WebhookService))
            .Select(configuration => Of("ValidatingWebhookConfiguration", configuration.Metadata));
        return [.. roles, .. bindings, .. webhooks];
    }

    private async Task<object> DeleteClusterScopedAsync(TeardownTarget target, CancellationToken cancellationToken) => target.Resource switch
    {
        "ClusterRole" => await Api.RbacAuthorizationV1.DeleteClusterRoleAsync(target.Name, cancellationToken: cancellationToken),
        "ClusterRoleBinding" => await Api.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(target.Name, cancellationToken: cancellationToken),
        "ValidatingWebhookConfiguration" => await Api.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(target.Name, cancellationToken: cancellationToken),
        _ => throw new InvalidOperationException($"The uninstall does not delete {target}."),
    };

    /// <summary>What of the install is in a namespace: its marked workloads, accounts and secrets, and what its components made there.</summary>
    private async Task<IReadOnlyList<string>> InstallObjectsInAsync(string ns, CancellationToken cancellationToken)
    {
        var selector = _owner.Selector;
        var found = new List<string>();
        found.AddRange((await Api.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Select(item => $"Deployment {item.Metadata.Name}"));
        found.AddRange((await Api.AppsV1.ListNamespacedDaemonSetAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Select(item => $"DaemonSet {item.Metadata.Name}"));
        found.AddRange((await Api.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Select(item => $"Pod {item.Metadata.Name}"));
        found.AddRange((await Api.CoreV1.ListNamespacedServiceAccountAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Select(item => $"ServiceAccount {item.Metadata.Name}"));
        found.AddRange((await Api.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Select(item => $"Secret {item.Metadata.Name}"));
        if (await Absent.OrNullAsync(() => Api.CoreV1.ReadNamespacedServiceAsync(WebhookService, ns, cancellationToken: cancellationToken)) is not null)
        {
            found.Add($"Service {WebhookService}");
        }

        foreach (var name in LeaderLocks)
        {
            if (await Absent.OrNullAsync(() => Api.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken)) is not null)
            {
                found.Add($"Lease {name}");
            }

            if (await Absent.OrNullAsync(() => Api.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken)) is not null)
            {
                found.Add($"ConfigMap {name}");
            }
        }

        return found;
    }

    /// <summary>In a namespace that is someone else's: the install's own objects only; the namespace and what else is in it stay.</summary>
    private async Task<V1Status> DeleteInstallObjectsAsync(string ns, CancellationToken cancellationToken)
    {
        await DeleteWorkloadsAsync(ns, cancellationToken);
        var selector = _owner.Selector;
        await Api.CoreV1.DeleteCollectionNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        await Api.CoreV1.DeleteCollectionNamespacedServiceAccountAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        try
        {
            await Absent.OrNullAsync(() => Api.CoreV1.DeleteNamespacedServiceAsync(WebhookService, ns, cancellationToken: cancellationToken));
        }
        catch (JsonException)
        {
            // v1.20 answers a Service's deletion with a Status, which the client cannot read as a Service: it is deleted.
        }
        foreach (var name in LeaderLocks)
        {
            await Absent.OrNullAsync(() => Api.CoordinationV1.DeleteNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken));
            await Absent.OrNullAsync(() => Api.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken));
        }

        return new V1Status();
    }

    /// <summary>
    /// The install's namespace, after its workloads (see <see cref="DeleteWorkloadsAsync"/>): with them gone the namespace
    /// goes in a second or two.
    /// </summary>
    private async Task<V1Status> DeleteNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        await DeleteWorkloadsAsync(name, cancellationToken);
        return await Api.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The install's Deployments and DaemonSets (with their ReplicaSets and pods), gracefully, then each of their pods that
    /// runs nothing any more (the kubelet's status says so) at once: v1.20's kubelet otherwise often takes until the
    /// grace period is over to let go of a pod it has already stopped (seen: 30 to 60 s), and the namespace controller
    /// checks a namespace with terminating pods again only after that. Pods that outlast the wait are left to it.
    /// </summary>
    private async Task DeleteWorkloadsAsync(string ns, CancellationToken cancellationToken)
    {
        // Foreground: each owner is marked deleted at once, so no controller creates a pod again while they go.
        var foreground = new V1DeleteOptions { PropagationPolicy = "Foreground" };
        var selector = _owner.Selector;
        await Api.AppsV1.DeleteCollectionNamespacedDeploymentAsync(ns, foreground, labelSelector: selector, cancellationToken: cancellationToken);
        await Api.AppsV1.DeleteCollectionNamespacedDaemonSetAsync(ns, foreground, labelSelector: selector, cancellationToken: cancellationToken);
        await Api.AppsV1.DeleteCollectionNamespacedReplicaSetAsync(ns, foreground, labelSelector: selector, cancellationToken: cancellationToken);
        await Api.CoreV1.DeleteCollectionNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        try
        {
            await Wait.UntilAsync($"the pods of this install in namespace {ns} are gone", async token =>
            {
                var left = (await Api.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: token)).Items;
                foreach (var stopped in left.Where(PodDiagnosis.RunsNothing))
                {
                    await StoppedPod.RemoveAsync(Api, stopped, token);
                }

                return left.Count == 0 ? Wait.Probe.Ready("none") : Wait.Probe.Waiting($"{left.Count} pods");
            }, PodsGoneTimeout, TimeSpan.FromSeconds(1), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The namespace's deletion (or the kubelet) finishes them; it only takes longer.
        }
    }

    private static string Plural(TeardownKind kind) => kind == TeardownKind.VirtualCluster ? "virtualclusters" : "clusterversions";

    private TeardownTarget Target(TeardownKind kind, V1ObjectMeta metadata) => new(
        kind,
        metadata.NamespaceProperty,
        metadata.Name,
        metadata.DeletionTimestamp is not null,
        _owner.Owns(metadata.Labels?.AsReadOnly()),
        Uid: metadata.Uid);
}
