namespace VcLab.Installer.Uninstall;

/// <summary>The kinds of object the uninstall removes, in the order it removes them.</summary>
internal enum TeardownKind
{
    /// <summary>Every VirtualCluster, in every namespace.</summary>
    VirtualCluster,

    /// <summary>Namespaces of tenants (annotated <c>tenancy.x-k8s.io/vcname</c> by vc-manager and the syncer).</summary>
    TenantNamespace,

    /// <summary>Every ClusterVersion.</summary>
    ClusterVersion,

    /// <summary>The components' namespace (virtualcluster_namespace).</summary>
    ComponentNamespace,

    /// <summary>The two CRDs the role registers.</summary>
    CustomResourceDefinition,
}
