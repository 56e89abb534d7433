using System.Text.Json.Serialization;
using k8s.Models;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>One component of a ClusterVersion: the StatefulSet vc-manager creates for it and, where it has one, its Service.</summary>
public sealed class ClusterVersionComponent
{
    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("statefulset")]
    public V1StatefulSet? StatefulSet { get; set; }

    [JsonPropertyName("service")]
    public V1Service? Service { get; set; }
}
