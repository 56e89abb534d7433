namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant cluster that reached Running: its VirtualCluster, the super cluster namespace that holds its control plane
/// (<c>.status.clusterNamespace</c>), and its admin kubeconfig on this machine (mode 0600; the server works from here).
/// </summary>
public sealed record TenantCluster(string Name, string Namespace, string ClusterNamespace, string KubeconfigPath)
{
    /// <summary>When each step of its creation was done (empty for a tenant that was there already).</summary>
    public IReadOnlyList<TenantPhase> Phases { get; init; } = [];
}
