namespace VcLab.Hosting.SuperCluster;

/// <summary>What a node is for.</summary>
public enum NodeRole
{
    ControlPlane,
    Worker,
}
