namespace VcLab.Installer.Tenants;

/// <summary>A VirtualCluster as <c>tenant list</c> shows it.</summary>
public sealed record TenantSummary(
    string Name,
    string Namespace,
    string Phase,
    DateTimeOffset? Created,
    IReadOnlyDictionary<string, string> Labels,
    bool Deleting,
    string? ClusterNamespace,
    string? Uid,
    bool Paused)
{
    /// <summary>The annotation VcLab puts on a paused tenant's VirtualCluster.</summary>
    public const string PausedAnnotation = "vclab.io/paused";
}
