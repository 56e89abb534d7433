namespace VcLab.Installer.Uninstall;

/// <summary>
/// One object the uninstall may remove: whether it is already being deleted, and whether it carries this install's
/// mark (<see cref="Kubernetes.Ownership"/>): only what does is deleted, unless the user takes foreign VirtualClusters and
/// ClusterVersions along. <paramref name="Resource"/> names the kind of a cluster-scoped object (ClusterRole, ...).
/// A foreign components' namespace is listed while this install's objects are still in it.
/// </summary>
internal sealed record TeardownTarget(TeardownKind Kind, string? Namespace, string Name, bool Deleting, bool Owned = true, string? Resource = null, string? Uid = null)
{
    public override string ToString()
    {
        var kind = Resource ?? Kind switch
        {
            TeardownKind.TenantNamespace or TeardownKind.ComponentNamespace => "Namespace",
            TeardownKind.CustomResourceDefinition => "CRD",
            _ => Kind.ToString(),
        };
        return Namespace is null ? $"{kind} {Name}" : $"{kind} {Namespace}/{Name}";
    }

    /// <summary>The same object, whatever its state.</summary>
    public bool Is(TeardownTarget other) => Kind == other.Kind && Namespace == other.Namespace && Name == other.Name && Resource == other.Resource;
}
