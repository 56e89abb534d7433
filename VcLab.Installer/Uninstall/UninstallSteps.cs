namespace VcLab.Installer.Uninstall;

/// <summary>
/// The uninstall's deleting steps, in the later role's teardown order, each after the one before it: the one list a
/// step is added to. The container registers them from it, then remove-worker-images (which needs the nodes, not the
/// API), and the command line lists them from <see cref="Names"/>.
/// </summary>
internal static class UninstallSteps
{
    public static IReadOnlyList<(string Name, TeardownKind Kind)> Deletions { get; } =
    [
        (UninstallStageNames.DeleteVirtualClusters, TeardownKind.VirtualCluster),
        (UninstallStageNames.DeleteTenantNamespaces, TeardownKind.TenantNamespace),
        (UninstallStageNames.DeleteClusterVersions, TeardownKind.ClusterVersion),
        (UninstallStageNames.DeleteNamespace, TeardownKind.ComponentNamespace),
        (UninstallStageNames.DeleteClusterObjects, TeardownKind.ClusterScoped),
        (UninstallStageNames.DeleteCrds, TeardownKind.CustomResourceDefinition),
    ];

    public static IEnumerable<string> Names => Deletions.Select(step => step.Name).Append(UninstallStageNames.RemoveWorkerImages);
}
