using VcLab.Hosting.Docker;

namespace VcLab.Hosting.Nodes;

/// <summary>
/// How a Kubernetes node runs as a container on an engine that cannot start privileged containers
/// (see shared/reference/offline-lab-facts.md): every capability but SYS_RESOURCE, no seccomp or AppArmor
/// confinement, writable /proc/sys, /dev/kmsg, all devices in the cgroup, the host's cgroup tree, and
/// tmpfs for /run and containerd's state (overlay on overlay is refused), and the node-image cache mounted read-only.
/// Given a preloaded store, the node's containerd starts on it (the image's entrypoint unpacks it first).
/// </summary>
internal static class NodeContainerSpec
{
    public const string NodeLabel = "vclab.node";

    public static ContainerSpec Create(string name, string image, string network, string sshUser, string sshPublicKey, SuperCluster.NodeImageStore? store = null) =>
        new(name, image)
        {
            Hostname = name,
            Network = network,
            Environment = new Dictionary<string, string>
            {
                ["VCLAB_SSH_USER"] = sshUser,
                ["VCLAB_SSH_AUTHORIZED_KEY"] = sshPublicKey,
                ["VCLAB_CONTAINERD_STORE"] = store?.PathInNode ?? string.Empty,
            },
            Labels = new Dictionary<string, string> { [NodeLabel] = name },
            CapAdd = ["ALL"],
            CapDrop = ["SYS_RESOURCE"],
            SecurityOptions = ["seccomp=unconfined", "apparmor=unconfined"],
            UnconfinedSystemPaths = true,
            Tmpfs = new Dictionary<string, string>
            {
                ["/run"] = "rw,exec,mode=755",
                ["/tmp"] = "rw,exec,mode=1777",
                ["/var/lib/containerd"] = "rw,exec,mode=711",
            },
            Binds = Directory.Exists("/lib/modules")
                ? ["/sys/fs/cgroup:/sys/fs/cgroup:rw", "/lib/modules:/lib/modules:ro", NodeImageCache()]
                : ["/sys/fs/cgroup:/sys/fs/cgroup:rw", NodeImageCache()],
            Devices = File.Exists("/dev/kmsg") ? ["/dev/kmsg"] : [],
            DeviceCgroupRules = ["a *:* rwm"],
        };

    /// <summary>The machine's node-image cache, read-only: side-loaded images are imported from it, never copied in.</summary>
    private static string NodeImageCache()
    {
        Directory.CreateDirectory(SuperCluster.NodeImage.CacheDirectory);
        return $"{SuperCluster.NodeImage.CacheDirectory}:{SuperCluster.NodeImage.MountPath}:ro";
    }
}
