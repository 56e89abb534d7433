namespace VcLab.Installer.Options;

/// <summary>The component images and where their tars are kept on the way to the nodes.</summary>
public sealed class ImageOptions
{
    public const string Section = "VirtualCluster:Images";

    /// <summary>vc-manager's image. Ansible: <c>virtualcluster_manager_image</c>.</summary>
    public string Manager { get; set; } = "virtualcluster/manager-amd64:latest";

    /// <summary>syncer's image. Ansible: <c>virtualcluster_syncer_image</c>.</summary>
    public string Syncer { get; set; } = "virtualcluster/syncer-amd64:latest";

    /// <summary>vn-agent's image. Ansible: <c>virtualcluster_vn_agent_image</c>.</summary>
    public string VnAgent { get; set; } = "virtualcluster/vn-agent-amd64:latest";

    /// <summary>Image cache on the controller. Ansible: <c>virtualcluster_local_cache_dir</c>.</summary>
    public string LocalCacheDir { get; set; } = "~/.ansible/vc-images-cache";

    /// <summary>Image cache on the control plane. Ansible: <c>virtualcluster_ctrlplane_cache_dir</c>.</summary>
    public string CtrlplaneCacheDir { get; set; } = "/tmp/vc-images";
}
