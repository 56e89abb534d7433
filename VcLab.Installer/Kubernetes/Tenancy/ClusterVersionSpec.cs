using System.Text.Json.Serialization;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>The three components of a tenant's control plane.</summary>
public sealed class ClusterVersionSpec
{
    [JsonPropertyName("etcd")]
    public ClusterVersionComponent? Etcd { get; set; }

    [JsonPropertyName("apiServer")]
    public ClusterVersionComponent? ApiServer { get; set; }

    [JsonPropertyName("controllerManager")]
    public ClusterVersionComponent? ControllerManager { get; set; }
}
