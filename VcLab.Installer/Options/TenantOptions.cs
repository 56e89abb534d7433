namespace VcLab.Installer.Options;

/// <summary>
/// A tenant cluster the install creates and follows to Running, as the role's later versions do (VcLab's own
/// settings: the role's variable names for them are not published).
/// </summary>
public sealed class TenantOptions
{
    public const string Section = "VirtualCluster:Tenant";

    /// <summary>Create a VirtualCluster after the components are verified.</summary>
    public bool Create { get; set; }

    /// <summary>The VirtualCluster's name: a DNS label, not taken by another install.</summary>
    public string Name { get; set; } = "vc-sample";

    /// <summary>The namespace the VirtualCluster object lives in.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>The ClusterVersion the tenant uses; written by the cluster-version stage to match the super cluster.</summary>
    public string ClusterVersion { get; set; } = "cv-super-cluster";

    /// <summary>The tenant's etcd image (default: the super cluster's, read from its kube-system pods).</summary>
    public string? EtcdImage { get; set; }

    /// <summary>The tenant's kube-apiserver image (default: the super cluster's).</summary>
    public string? ApiServerImage { get; set; }

    /// <summary>The tenant's kube-controller-manager image (default: the super cluster's).</summary>
    public string? ControllerManagerImage { get; set; }

    /// <summary>
    /// The tenant API server's <c>--runtime-config</c>, e.g. <c>rbac.authorization.k8s.io/v1beta1=false</c> (default: none,
    /// the API groups its version serves by default). Every version an API server serves holds its own storage and watch
    /// caches; the lab leaves off the v1beta1 versions that its v1.20 also serves as v1 (about 40 MiB per tenant).
    /// </summary>
    public string? ApiServerRuntimeConfig { get; set; }

    /// <summary>
    /// The image of the tenant's CoreDNS (default: the one the super cluster's kube-system/coredns runs, which its workers
    /// can run).
    /// </summary>
    public string? CoreDnsImage { get; set; }

    /// <summary>How long the tenant may take to reach Running, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Where the tenant's admin kubeconfig is written (mode 0600); default <c>&lt;config dir&gt;/&lt;name&gt;.kubeconfig</c>.</summary>
    public string? KubeconfigPath { get; set; }
}
