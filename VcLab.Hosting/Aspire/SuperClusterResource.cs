using Aspire.Hosting.ApplicationModel;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting.Aspire;

/// <summary>The lab's super cluster as an Aspire resource: states while it builds and starts, healthy when every node is Ready.</summary>
public sealed class SuperClusterResource(string name, SuperClusterOptions options) : Resource(name)
{
    public SuperClusterOptions Options { get; } = options;

    /// <summary>The running cluster, once it is up.</summary>
    public SuperCluster.SuperCluster? Cluster { get; internal set; }
}
