namespace VcLab.Installer.Uninstall;

/// <summary>One object the uninstall removes, and whether it is already being deleted.</summary>
internal sealed record TeardownTarget(TeardownKind Kind, string? Namespace, string Name, bool Deleting)
{
    public override string ToString()
    {
        var kind = Kind switch
        {
            TeardownKind.TenantNamespace or TeardownKind.ComponentNamespace => "Namespace",
            TeardownKind.CustomResourceDefinition => "CRD",
            _ => Kind.ToString(),
        };
        return Namespace is null ? $"{kind} {Name}" : $"{kind} {Namespace}/{Name}";
    }
}
