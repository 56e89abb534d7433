namespace VcLab.Installer.Kubernetes;

/// <summary>The super cluster's nodes as the stages that reach every worker see them.</summary>
internal interface IClusterNodes
{
    /// <summary>The workers' names, in order: nodes labelled neither control-plane nor master (<see cref="NodeRoles"/>).</summary>
    Task<IReadOnlyList<string>> WorkerNamesAsync(CancellationToken cancellationToken);
}
