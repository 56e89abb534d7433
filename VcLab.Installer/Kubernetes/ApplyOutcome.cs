namespace VcLab.Installer.Kubernetes;

/// <summary>What server-side apply did to one object.</summary>
public enum ApplyOutcome
{
    Created,
    Configured,
    Unchanged,
}
