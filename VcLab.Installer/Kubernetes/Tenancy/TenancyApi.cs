using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using VcLab.Installer.Manifests;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>VirtualClusters and ClusterVersions through the super cluster's API (opened when first used).</summary>
internal sealed class TenancyApi(Func<IKubernetes> api) : ITenancyApi
{
    private const string Group = V1Alpha1VirtualCluster.KubeGroup;
    private const string Version = V1Alpha1VirtualCluster.KubeApiVersion;
    private const string Plural = V1Alpha1VirtualCluster.KubePluralName;

    private IKubernetes Api => api();

    public async Task<bool> InstalledAsync(CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => Api.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CustomResourceDefinitions.VirtualClusters, cancellationToken: cancellationToken)) is not null;

    public Task<V1Alpha1VirtualCluster?> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        Absent.OrNullAsync(() => Api.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1VirtualCluster>(Group, Version, ns, Plural, name, cancellationToken));

    public async Task<IReadOnlyList<V1Alpha1VirtualCluster>> ListAsync(string? ns, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => ns is null
            ? Api.CustomObjects.ListClusterCustomObjectAsync<V1Alpha1VirtualClusterList>(Group, Version, Plural, cancellationToken: cancellationToken)
            : Api.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1VirtualClusterList>(Group, Version, ns, Plural, cancellationToken: cancellationToken)) is { } list
            ? [.. list.Items]
            : [];

    public async Task CreateAsync(V1Alpha1VirtualCluster virtualCluster, string fieldManager, CancellationToken cancellationToken)
    {
        try
        {
            await Api.CustomObjects.CreateNamespacedCustomObjectAsync(
                virtualCluster, Group, Version, virtualCluster.Metadata.NamespaceProperty, Plural, fieldManager: fieldManager, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.InternalServerError
            && exception.Response.Content?.Contains("failed calling webhook", StringComparison.Ordinal) == true)
        {
            throw new WebhookUnavailableException(StatusMessage(exception), exception);
        }
    }

    public async Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => Api.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, Plural, name, cancellationToken: cancellationToken)) is not null;

    public Task AnnotateAsync(string ns, string name, string key, string? value, CancellationToken cancellationToken)
    {
        // A JSON merge patch: null removes the annotation.
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return Api.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name, cancellationToken: cancellationToken);
    }

    public Task<V1Alpha1ClusterVersion?> ReadClusterVersionAsync(string name, CancellationToken cancellationToken) =>
        Absent.OrNullAsync(() => Api.CustomObjects.GetClusterCustomObjectAsync<V1Alpha1ClusterVersion>(Group, Version, V1Alpha1ClusterVersion.KubePluralName, name, cancellationToken));

    public Task ApplyClusterVersionAsync(V1Alpha1ClusterVersion clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken) =>
        Api.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(KubernetesJson.Serialize(clusterVersion), V1Patch.PatchType.ApplyPatch), Group, Version, V1Alpha1ClusterVersion.KubePluralName, clusterVersion.Metadata.Name,
            dryRun: dryRun ? "All" : null, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken);

    /// <summary>The message of the Status an API error carries (its whole body when it is not a Status).</summary>
    private static string StatusMessage(HttpOperationException exception)
    {
        try
        {
            using var status = JsonDocument.Parse(exception.Response.Content);
            return status.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? exception.Response.Content : exception.Response.Content;
        }
        catch (JsonException)
        {
            return exception.Response.Content;
        }
    }
}
