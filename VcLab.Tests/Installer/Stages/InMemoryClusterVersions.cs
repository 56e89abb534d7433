using System.Text.Json.Nodes;
using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Options;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// ClusterVersions kept in memory by name, applied as the API server would report it (created, configured when the
/// content differs, unchanged when not; a dry run keeps nothing); the images are the ones the test gives, as detected
/// or as from the settings.
/// </summary>
internal sealed class InMemoryClusterVersions(TenantImages images, bool detected) : IClusterVersions
{
    private readonly Dictionary<string, JsonObject> _stored = new(StringComparer.Ordinal);

    /// <summary>Every apply as (name, field manager, dry run).</summary>
    public List<(string Name, string FieldManager, bool DryRun)> Calls { get; } = [];

    /// <summary>The stored ClusterVersion as the JSON the API server would be sent, or null.</summary>
    public JsonObject? this[string name] => _stored.GetValueOrDefault(name);

    public Task<(TenantImages Images, bool Detected)> ImagesForAsync(TenantOptions tenant, CancellationToken cancellationToken) =>
        Task.FromResult((images, detected));

    public Task<ApplyOutcome> ApplyAsync(V1Alpha1ClusterVersion typed, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        var clusterVersion = JsonNode.Parse(KubernetesJson.Serialize(typed))!.AsObject();
        var name = typed.Metadata.Name;
        Calls.Add((name, fieldManager, dryRun));
        var outcome = !_stored.TryGetValue(name, out var before) ? ApplyOutcome.Created
            : JsonNode.DeepEquals(before, clusterVersion) ? ApplyOutcome.Unchanged
            : ApplyOutcome.Configured;
        if (!dryRun)
        {
            _stored[name] = clusterVersion;
        }

        return Task.FromResult(outcome);
    }
}
