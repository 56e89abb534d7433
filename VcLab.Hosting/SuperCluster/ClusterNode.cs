namespace VcLab.Hosting.SuperCluster;

/// <summary>One node container of the super cluster.</summary>
public sealed record ClusterNode(string Name, string ContainerId, string Address, NodeRole Role, int Index)
{
    /// <summary>The node's own pod range (bridge CNI with host-local IPAM).</summary>
    public string PodSubnet => ClusterNetwork.NodePodSubnet(Index);

    /// <summary>Its kubelet's cgroup root, created in every hierarchy before kubelet starts.</summary>
    public string CgroupRoot => $"/vclab/{Name}";
}
