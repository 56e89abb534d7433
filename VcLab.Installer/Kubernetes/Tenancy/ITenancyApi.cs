namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>VirtualClusters and ClusterVersions on the super cluster, typed: what the tenant classes read and write of them.</summary>
internal interface ITenancyApi
{
    /// <summary>Whether VirtualCluster is installed: its CRD is registered.</summary>
    Task<bool> InstalledAsync(CancellationToken cancellationToken);

    /// <summary>The VirtualCluster, or null when there is none of that name.</summary>
    Task<V1Alpha1VirtualCluster?> ReadAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>The VirtualClusters in a namespace, or in every namespace when it is null; none when the CRD is not there.</summary>
    Task<IReadOnlyList<V1Alpha1VirtualCluster>> ListAsync(string? ns, CancellationToken cancellationToken);

    /// <summary>Creates it; <see cref="WebhookUnavailableException"/> while vc-manager's validating webhook does not answer.</summary>
    Task CreateAsync(V1Alpha1VirtualCluster virtualCluster, string fieldManager, CancellationToken cancellationToken);

    /// <summary>Deletes it; false when it was not there.</summary>
    Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>Sets one of its annotations (null removes it).</summary>
    Task AnnotateAsync(string ns, string name, string key, string? value, CancellationToken cancellationToken);

    /// <summary>The ClusterVersion, or null when there is none of that name.</summary>
    Task<V1Alpha1ClusterVersion?> ReadClusterVersionAsync(string name, CancellationToken cancellationToken);

    /// <summary>Applies it server-side (forcing the fields it names), or only asks the server whether it would (dry run).</summary>
    Task ApplyClusterVersionAsync(V1Alpha1ClusterVersion clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken);
}
