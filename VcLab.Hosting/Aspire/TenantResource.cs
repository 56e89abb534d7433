using Aspire.Hosting.ApplicationModel;
using VcLab.Installer.Tenants;

namespace VcLab.Hosting.Aspire;

/// <summary>A tenant cluster (a VirtualCluster) on the lab's super cluster, as a dashboard resource under it: its phase as state.</summary>
public sealed class TenantResource(string name, SuperClusterResource superCluster) : Resource(name), IResourceWithParent<SuperClusterResource>
{
    public SuperClusterResource Parent { get; } = superCluster;

    /// <summary>The running tenant, once it is Running.</summary>
    public TenantCluster? Tenant { get; internal set; }

    /// <summary>Whether the tenant gets the demo's web page once it is Running (<c>--Parameters:demo=true</c>).</summary>
    public bool Demo { get; internal set; }
}
