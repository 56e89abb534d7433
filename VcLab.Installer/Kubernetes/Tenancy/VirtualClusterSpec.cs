using System.Text.Json.Serialization;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>What a VirtualCluster asks for: the ClusterVersion it is made from, its DNS domain, its certificates' lifetime.</summary>
public sealed class VirtualClusterSpec
{
    [JsonPropertyName("clusterDomain")]
    public string? ClusterDomain { get; set; }

    [JsonPropertyName("clusterVersionName")]
    public string? ClusterVersionName { get; set; }

    [JsonPropertyName("pkiExpireDays")]
    public int? PkiExpireDays { get; set; }
}
