using System.Text.Json.Serialization;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>Where vc-manager has got with a VirtualCluster: its phase (Pending, Running, Failed, ...) and its control plane's namespace.</summary>
public sealed class VirtualClusterStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("clusterNamespace")]
    public string? ClusterNamespace { get; set; }
}
