namespace VcLab.Installer.Uninstall;

/// <summary>The uninstall's steps, in the later role's teardown order.</summary>
internal static class UninstallStageNames
{
    public const string DeleteVirtualClusters = "delete-virtual-clusters";
    public const string DeleteTenantNamespaces = "delete-tenant-namespaces";
    public const string DeleteClusterVersions = "delete-cluster-versions";
    public const string DeleteNamespace = "delete-namespace";
    public const string DeleteClusterObjects = "delete-cluster-objects";
    public const string DeleteCrds = "delete-crds";
    public const string RemoveWorkerImages = "remove-worker-images";
}
