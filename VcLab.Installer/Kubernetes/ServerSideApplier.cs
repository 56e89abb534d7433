using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// Server-side apply with one field manager, for the kinds the role's manifests hold. An object is "unchanged"
/// when its content (without resourceVersion, managed fields, generation and status) is the same after the apply;
/// in check mode the apply is a dry run, compared the same way with what is there.
/// </summary>
internal sealed class ServerSideApplier(IClusterConnection connection) : IObjectApplier
{
    public async Task<ApplyOutcome> ApplyAsync(object manifest, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        var metadata = ((IMetadata<V1ObjectMeta>)manifest).Metadata;
        var existing = await ReadAsync(manifest, metadata, cancellationToken);
        if (dryRun && existing is null && metadata.NamespaceProperty is { } ns && !await NamespaceExistsAsync(ns, cancellationToken))
        {
            // Its namespace would be created by this run: the server cannot dry-run into it, but it would be created.
            return ApplyOutcome.Created;
        }

        var patch = new V1Patch(manifest, V1Patch.PatchType.ApplyPatch);
        var result = await PatchAsync(manifest, patch, metadata, fieldManager, dryRun ? "All" : null, cancellationToken);
        if (existing is null)
        {
            return ApplyOutcome.Created;
        }

        // Content, not resourceVersion: on v1.20 an apply may only rewrite managedFields ("before-first-apply").
        return JsonNode.DeepEquals(Comparable(existing), Comparable(result)) ? ApplyOutcome.Unchanged : ApplyOutcome.Configured;
    }

    public async Task<IReadOnlyDictionary<string, string>?> LabelsAsync(object manifest, CancellationToken cancellationToken) =>
        await ReadAsync(manifest, ((IMetadata<V1ObjectMeta>)manifest).Metadata, cancellationToken) is IMetadata<V1ObjectMeta> existing
            ? existing.Metadata.Labels?.AsReadOnly() ?? new Dictionary<string, string>().AsReadOnly()
            : null;

    /// <summary>"Deployment vc-manager/vc-manager" style name for logs and errors.</summary>
    public static string Describe(object manifest)
    {
        var metadata = ((IMetadata<V1ObjectMeta>)manifest).Metadata;
        var kind = ((IKubernetesObject)manifest).Kind;
        return metadata.NamespaceProperty is { } ns ? $"{kind} {ns}/{metadata.Name}" : $"{kind} {metadata.Name}";
    }

    private async Task<bool> NamespaceExistsAsync(string ns, CancellationToken cancellationToken) =>
        await ReadAsync(new V1Namespace { Kind = "Namespace" }, new V1ObjectMeta { Name = ns }, cancellationToken) is not null;

    private async Task<object?> ReadAsync(object manifest, V1ObjectMeta metadata, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var (name, ns) = (metadata.Name, metadata.NamespaceProperty);
        try
        {
            return manifest switch
            {
                V1Namespace => await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken),
                V1CustomResourceDefinition => await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken),
                V1ServiceAccount => await client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken),
                V1Secret => await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken),
                V1ClusterRole => await client.RbacAuthorizationV1.ReadClusterRoleAsync(name, cancellationToken: cancellationToken),
                V1ClusterRoleBinding => await client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(name, cancellationToken: cancellationToken),
                V1Deployment => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
                V1DaemonSet => await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken),
                _ => throw Unsupported(manifest),
            };
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<object> PatchAsync(object manifest, V1Patch patch, V1ObjectMeta metadata, string fieldManager, string? dryRun, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var (name, ns) = (metadata.Name, metadata.NamespaceProperty);
        return manifest switch
        {
            V1Namespace => await client.CoreV1.PatchNamespaceAsync(patch, name, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1CustomResourceDefinition => await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(patch, name, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1ServiceAccount => await client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1Secret => await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1ClusterRole => await client.RbacAuthorizationV1.PatchClusterRoleAsync(patch, name, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1ClusterRoleBinding => await client.RbacAuthorizationV1.PatchClusterRoleBindingAsync(patch, name, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1Deployment => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            V1DaemonSet => await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, ns, dryRun, fieldManager, force: true, cancellationToken: cancellationToken),
            _ => throw Unsupported(manifest),
        };
    }

    /// <summary>The object without what every write changes anyway (resourceVersion, managed fields, generation, status).</summary>
    private static JsonNode? Comparable(object item)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(item));
        if (node?["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
            metadata.Remove("generation");
        }

        (node as JsonObject)?.Remove("status");
        return node;
    }

    private static NotSupportedException Unsupported(object manifest) =>
        new($"The installer does not apply objects of type {manifest.GetType().Name}.");
}
