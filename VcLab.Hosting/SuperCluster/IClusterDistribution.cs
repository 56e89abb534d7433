namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// One way of making the super cluster's nodes (Debian-built, k3s): given checked options whose name is free, it makes
/// the cluster and reports its phases. <see cref="SuperClusterProvisioner"/> chooses which.
/// </summary>
internal interface IClusterDistribution
{
    Task<SuperCluster> CreateAsync(SuperClusterOptions options, ClusterPhases phases, CancellationToken cancellationToken);
}
