namespace VcLab.Installer.Options;

/// <summary>vc-manager's resources. Ansible: <c>virtualcluster_pod_resource_requests</c> and <c>_limits</c>.</summary>
public sealed class ResourceOptions
{
    public const string Section = "VirtualCluster:Resources";

    /// <summary>Ansible: <c>virtualcluster_pod_resource_requests.cpu</c>.</summary>
    public string RequestsCpu { get; set; } = "500m";

    /// <summary>Ansible: <c>virtualcluster_pod_resource_requests.memory</c>.</summary>
    public string RequestsMemory { get; set; } = "512Mi";

    /// <summary>Ansible: <c>virtualcluster_pod_resource_limits.cpu</c>.</summary>
    public string LimitsCpu { get; set; } = "1000m";

    /// <summary>Ansible: <c>virtualcluster_pod_resource_limits.memory</c>.</summary>
    public string LimitsMemory { get; set; } = "1Gi";
}
