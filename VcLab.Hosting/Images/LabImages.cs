namespace VcLab.Hosting.Images;

/// <summary>The images of the lab, each built from its folder under <c>Images/Dockerfiles/</c>.</summary>
internal static class LabImages
{
    /// <summary>Where the VirtualCluster source is built: git, make, Go, the Docker CLI and an ssh client.</summary>
    public static LabImage BuildContainer { get; } = new("vclab/build", "build");

    /// <summary>A Kubernetes node without Kubernetes: containerd, runc, CNI plugins, sshd, iptables, mount, conntrack.</summary>
    public static LabImage Node { get; } = new("vclab/node", "node");

    /// <summary>The demo's web page in a tenant (busybox's httpd): it says which tenant, pod and node it runs in.</summary>
    public static LabImage DemoWeb { get; } = new("vclab/demo-web", "demo-web");

    /// <summary>The node image with k3s taken from a rancher/k3s image: a k3s node that sshd and ctr reach, as the role needs.</summary>
    public static LabImage K3sNode(string nodeImage, string k3sImage) => new("vclab/k3s-node", "k3s-node")
    {
        BuildArguments = new Dictionary<string, string>
        {
            ["NODE_IMAGE"] = nodeImage,
            ["K3S_IMAGE"] = k3sImage,
        },
    };
}
