namespace VcLab.Installer.Options;

/// <summary>Whether and where the role installs: its top-level variables.</summary>
public sealed class VirtualClusterOptions
{
    public const string Section = "VirtualCluster";

    /// <summary>Run at all. Ansible: <c>virtualcluster_enabled</c> (default false: nothing runs).</summary>
    public bool Enabled { get; set; }

    /// <summary>Namespace of vc-manager, syncer and vn-agent. Ansible: <c>virtualcluster_namespace</c>.</summary>
    public string Namespace { get; set; } = "vc-manager";

    /// <summary>Where the rendered manifests are written. Ansible: <c>virtualcluster_config_dir</c>.</summary>
    public string ConfigDir { get; set; } = "~/kubeadm/virtual-cluster";

    /// <summary>Kubeconfig of the super cluster. Ansible: <c>virtualcluster_supercluster_kubeconfig_path</c>.</summary>
    public string SuperclusterKubeconfigPath { get; set; } = "/etc/kubernetes/admin.conf";

    /// <summary>Field manager for server-side apply (VcLab's own setting).</summary>
    public string FieldManager { get; set; } = "vclab-installer";

    /// <summary>How long verify waits for pods to run, in seconds (VcLab's own setting).</summary>
    public int VerifyTimeoutSeconds { get; set; } = 300;

    /// <summary>Default bound for a stage, in seconds (VcLab's own setting; build-binaries uses the build timeout).</summary>
    public int StageTimeoutSeconds { get; set; } = 600;
}
