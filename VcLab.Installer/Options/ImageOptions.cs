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

    /// <summary>
    /// A docker-save tar of vc-manager's image on this machine, used instead of a build or the last good bundle (VcLab's
    /// setting, after the later role). Ansible: <c>virtualcluster_manager_image_tar</c>.
    /// </summary>
    public string? ManagerTar { get; set; }

    /// <summary>The syncer's tar. Ansible: <c>virtualcluster_syncer_image_tar</c>.</summary>
    public string? SyncerTar { get; set; }

    /// <summary>vn-agent's tar. Ansible: <c>virtualcluster_vn_agent_image_tar</c>.</summary>
    public string? VnAgentTar { get; set; }

    /// <summary>Image cache on the controller. Ansible: <c>virtualcluster_local_cache_dir</c>.</summary>
    public string LocalCacheDir { get; set; } = "~/.ansible/vc-images-cache";

    /// <summary>Image cache on the control plane. Ansible: <c>virtualcluster_ctrlplane_cache_dir</c>.</summary>
    public string CtrlplaneCacheDir { get; set; } = "/tmp/vc-images";
}
