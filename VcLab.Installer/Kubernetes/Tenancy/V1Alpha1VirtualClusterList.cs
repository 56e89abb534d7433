using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>A list of VirtualClusters as the API answers it.</summary>
public sealed class V1Alpha1VirtualClusterList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1VirtualCluster>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{V1Alpha1VirtualCluster.KubeGroup}/{V1Alpha1VirtualCluster.KubeApiVersion}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "VirtualClusterList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Alpha1VirtualCluster> Items { get; set; } = [];
}
