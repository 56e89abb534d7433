namespace VcLab.Installer.Options;

/// <summary>Whether and where the role installs: its top-level variables.</summary>
public sealed class VirtualClusterOptions
{
    public const string Section = "VirtualCluster";

    /// <summary>Run at all. Ansible: <c>virtualcluster_enabled</c> (default false: nothing runs).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Uninstall first (every VirtualCluster, ClusterVersion, the namespace, the CRDs and the workers' images), then
    /// install. Ansible: <c>virtualcluster_clean_install</c> (VcLab's name for the later role's clean rebuild).
    /// </summary>
    public bool CleanInstall { get; set; }

    /// <summary>
    /// Uninstall also deletes VirtualClusters and ClusterVersions this installer did not create (without it, their
    /// presence stops the uninstall before it deletes anything, naming them). Ansible:
    /// <c>virtualcluster_uninstall_include_foreign</c> (VcLab's own; the command line's <c>uninstall --include-foreign</c>).
    /// </summary>
    public bool UninstallIncludeForeign { get; set; }

    /// <summary>Namespace of vc-manager, syncer and vn-agent. Ansible: <c>virtualcluster_namespace</c>.</summary>
    public string Namespace { get; set; } = "vc-manager";

    /// <summary>Where the rendered manifests are written. Ansible: <c>virtualcluster_config_dir</c>.</summary>
    public string ConfigDir { get; set; } = "~/kubeadm/virtual-cluster";

    /// <summary>Kubeconfig of the super cluster. Ansible: <c>virtualcluster_supercluster_kubeconfig_path</c>.</summary>
    public string SuperclusterKubeconfigPath { get; set; } = "/etc/kubernetes/admin.conf";

    /// <summary>
    /// The super cluster's kubelet client certificate on the control plane, read over SSH with sudo and given to vn-agent
    /// (Secret vn-agent-kubelet-client) so that it talks to the kubelets directly; where it is missing vn-agent gets an
    /// empty Secret and forwards through the API server (VcLab's own setting; kubeadm's path by default).
    /// </summary>
    public string KubeletClientCertificatePath { get; set; } = "/etc/kubernetes/pki/apiserver-kubelet-client.crt";

    /// <summary>The key of <see cref="KubeletClientCertificatePath"/> (VcLab's own setting).</summary>
    public string KubeletClientKeyPath { get; set; } = "/etc/kubernetes/pki/apiserver-kubelet-client.key";

    /// <summary>Field manager for server-side apply (VcLab's own setting).</summary>
    public string FieldManager { get; set; } = "vclab-installer";

    /// <summary>How long verify waits for pods to run, in seconds (VcLab's own setting).</summary>
    public int VerifyTimeoutSeconds { get; set; } = 300;

    /// <summary>Default bound for a stage, in seconds (VcLab's own setting; build-binaries uses the build timeout).</summary>
    public int StageTimeoutSeconds { get; set; } = 600;
}
