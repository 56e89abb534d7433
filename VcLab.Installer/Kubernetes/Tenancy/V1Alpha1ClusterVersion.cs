using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>
/// A ClusterVersion (<c>tenancy.x-k8s.io/v1alpha1</c>, cluster-scoped): the control plane a VirtualCluster made from it
/// runs, as a StatefulSet (and a Service) each for etcd, the API server and the controller manager.
/// </summary>
[KubernetesEntity(Group = V1Alpha1VirtualCluster.KubeGroup, ApiVersion = V1Alpha1VirtualCluster.KubeApiVersion, Kind = KubeKind, PluralName = KubePluralName)]
public sealed class V1Alpha1ClusterVersion : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeKind = "ClusterVersion";
    public const string KubePluralName = "clusterversions";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{V1Alpha1VirtualCluster.KubeGroup}/{V1Alpha1VirtualCluster.KubeApiVersion}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ClusterVersionSpec Spec { get; set; } = new();
}
