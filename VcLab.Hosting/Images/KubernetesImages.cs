namespace VcLab.Hosting.Images;

/// <summary>
/// Kubernetes from Debian 12's "kubernetes" source package (v1.20.2 with vendor/): the server binaries,
/// the pause image, and the node image that carries the binaries. The binaries image is the cache: it is
/// keyed by the source version (and the Dockerfile), built once per machine, and, being an image the engine
/// tags only when the build succeeded, never half written.
/// </summary>
internal static class KubernetesImages
{
    /// <summary>The newest Kubernetes server that Debian's archive can build (newer releases ship kubectl only).</summary>
    public const string DefaultSourceVersion = "1.20.5+really1.20.2-1.1+deb12u1";

    /// <summary>The sandbox image name kubelet v1.20 uses by default.</summary>
    public const string PauseReference = "k8s.gcr.io/pause:3.2";

    public static LabImage Binaries(string sourceVersion) => FromSource("vclab/kubernetes", "binaries", sourceVersion);

    public static LabImage Pause(string sourceVersion) => FromSource("vclab/pause", "pause", sourceVersion);

    public static LabImage Node(string nodeImage, string binariesImage) => new("vclab/kube-node", "kube-node")
    {
        BuildArguments = new Dictionary<string, string>
        {
            ["NODE_IMAGE"] = nodeImage,
            ["KUBERNETES_IMAGE"] = binariesImage,
        },
    };

    /// <summary>The control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler): the super cluster's static pods and VirtualCluster's ClusterVersions.</summary>
    public static LabImage ControlPlane(string binariesImage) => new("vclab/control-plane", "control-plane")
    {
        BuildArguments = new Dictionary<string, string> { ["KUBERNETES_IMAGE"] = binariesImage },
    };

    /// <summary>"1.20.5+really1.20.2-1.1+deb12u1" is v1.20.2: the version the tree really holds.</summary>
    public static string GitVersion(string sourceVersion)
    {
        var upstream = sourceVersion.Split('-')[0];
        var really = upstream.IndexOf("+really", StringComparison.Ordinal);
        return "v" + (really >= 0 ? upstream[(really + "+really".Length)..] : upstream.Split('+')[0]);
    }

    private static LabImage FromSource(string repository, string target, string sourceVersion) => new(repository, "kubernetes")
    {
        Target = target,
        BuildArguments = new Dictionary<string, string>
        {
            ["KUBERNETES_SOURCE_VERSION"] = sourceVersion,
            ["KUBERNETES_GIT_VERSION"] = GitVersion(sourceVersion),
        },
    };
}
