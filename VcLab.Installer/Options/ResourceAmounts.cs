namespace VcLab.Installer.Options;

/// <summary>CPU and memory as Kubernetes quantities (500m, 512Mi).</summary>
public sealed class ResourceAmounts
{
    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public bool IsEmpty => Cpu is null && Memory is null;
}
