namespace VcLab.Installer.Uninstall;

/// <summary>The kinds of object the uninstall removes, in the order it removes them.</summary>
internal enum TeardownKind
{
    /// <summary>This install's VirtualClusters, in every namespace (others' only when the user says so).</summary>
    VirtualCluster,

    /// <summary>
    /// Namespaces of this install's tenants (annotated <c>tenancy.x-k8s.io/vcname</c> by vc-manager and the syncer), marked
    /// as the install's before their VirtualClusters are deleted.
    /// </summary>
    TenantNamespace,

    /// <summary>This install's ClusterVersions.</summary>
    ClusterVersion,

    /// <summary>The components' namespace (virtualcluster_namespace), or only what the install put into it when it is someone else's.</summary>
    ComponentNamespace,

    /// <summary>
    /// Cluster-scoped objects of the install (its ClusterRoles and bindings) and of its components (vc-manager's webhook
    /// configuration, which points at its namespace).
    /// </summary>
    ClusterScoped,

    /// <summary>The two CRDs the role registers, when this install registered them.</summary>
    CustomResourceDefinition,
}
