namespace VcLab.Installer.Kubernetes;

/// <summary>The nodes read from the super cluster's API.</summary>
internal sealed class ClusterNodes(IClusterConnection connection) : IClusterNodes
{
    public Task<IReadOnlyList<string>> WorkerNamesAsync(CancellationToken cancellationToken) => NodeRoles.WorkerNamesAsync(connection.Client, cancellationToken);
}
