using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>
/// A VirtualCluster (<c>tenancy.x-k8s.io/v1alpha1</c>): a tenant, whose control plane vc-manager makes from a
/// ClusterVersion in a namespace of its own (its status's <c>clusterNamespace</c>). Only the fields VcLab reads or writes.
/// </summary>
[KubernetesEntity(Group = KubeGroup, ApiVersion = KubeApiVersion, Kind = KubeKind, PluralName = KubePluralName)]
public sealed class V1Alpha1VirtualCluster : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeGroup = "tenancy.x-k8s.io";
    public const string KubeApiVersion = "v1alpha1";
    public const string KubeKind = "VirtualCluster";
    public const string KubePluralName = "virtualclusters";

    /// <summary>The annotation vc-manager and the syncer put on every super cluster namespace of a VirtualCluster: its UID.</summary>
    public const string UidAnnotation = "tenancy.x-k8s.io/vcuid";

    /// <summary>The annotations beside <see cref="UidAnnotation"/>: the VirtualCluster's name and namespace.</summary>
    public const string NameAnnotation = "tenancy.x-k8s.io/vcname";

    /// <inheritdoc cref="NameAnnotation"/>
    public const string NamespaceAnnotation = "tenancy.x-k8s.io/vcnamespace";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{KubeGroup}/{KubeApiVersion}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public VirtualClusterSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public VirtualClusterStatus? Status { get; set; }
}
