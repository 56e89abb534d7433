namespace VcLab.Installer.Options;

/// <summary>
/// Each component's own settings, as the later role has them. Ansible: <c>virtualcluster_components</c>, keyed by
/// <c>manager</c>, <c>syncer</c> and <c>vn_agent</c>. The syncer runs with <c>SyncTenantPVCStatusPhase=true</c> unless
/// told otherwise.
/// </summary>
public sealed class ComponentsOptions
{
    public const string Section = "VirtualCluster:Components";

    public ComponentSettings Manager { get; set; } = new();

    public ComponentSettings Syncer { get; set; } = new()
    {
        FeatureGates = new(StringComparer.OrdinalIgnoreCase) { ["SyncTenantPVCStatusPhase"] = true },
    };

    public ComponentSettings VnAgent { get; set; } = new();

    /// <summary>Each component by the role's name for it (manager, syncer, vn-agent).</summary>
    public IEnumerable<(string Component, ComponentSettings Settings)> All() =>
        [("manager", Manager), ("syncer", Syncer), ("vn-agent", VnAgent)];
}
