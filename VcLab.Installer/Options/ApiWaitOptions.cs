namespace VcLab.Installer.Options;

/// <summary>Where validate waits for the API server.</summary>
public sealed class ApiWaitOptions
{
    public const string Section = "VirtualCluster:ApiWait";

    /// <summary>API host. Ansible: <c>k8s_api_wait_host</c> (default: the kubeconfig's server host).</summary>
    public string? Host { get; set; }

    /// <summary>API port. Ansible: <c>k8s_api_wait_port</c> (default: the kubeconfig's server port).</summary>
    public int? Port { get; set; }

    /// <summary>How long to wait, in seconds (VcLab's own setting).</summary>
    public int TimeoutSeconds { get; set; } = 60;
}
