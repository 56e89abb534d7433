namespace VcLab.Hosting.Images;

/// <summary>The images of the lab, each built from its folder under <c>Images/Dockerfiles/</c>.</summary>
public static class LabImages
{
    /// <summary>Where the VirtualCluster source is built: git, make, Go, the Docker CLI and an ssh client.</summary>
    public static LabImage BuildContainer { get; } = new("vclab/build", "build");

    /// <summary>A Kubernetes node without Kubernetes: containerd, runc, CNI plugins, sshd, iptables, mount, conntrack.</summary>
    public static LabImage Node { get; } = new("vclab/node", "node");
}
