using System.Text.RegularExpressions;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.SuperCluster;

/// <summary>How the lab's super cluster is made.</summary>
public sealed partial class SuperClusterOptions
{
    /// <summary>
    /// What the nodes run: <see cref="ClusterDistribution.Debian"/> (default; Kubernetes built from Debian's archive,
    /// works offline) or <see cref="ClusterDistribution.K3s"/> (from <see cref="K3sImage"/>, where that image can be had).
    /// </summary>
    public ClusterDistribution Distribution { get; set; } = ClusterDistribution.Debian;

    /// <summary>The rancher/k3s image the k3s nodes take k3s from (with <see cref="ClusterDistribution.K3s"/> only).</summary>
    public string K3sImage { get; set; } = DefaultK3sImage;

    public const string DefaultK3sImage = "rancher/k3s:v1.31.5-k3s1";

    /// <summary>Prefix of every container and the name of the Docker network; a DNS label.</summary>
    public string Name { get; set; } = "vclab";

    /// <summary>
    /// Kept running when the AppHost stops, and re-attached at its next start instead of being created anew, as
    /// Aspire's <c>ContainerLifetime.Persistent</c> containers are (the lab's parameter <c>lifetime</c>). Default false:
    /// the cluster lives as long as the AppHost.
    /// </summary>
    public bool Persistent { get; set; }

    /// <summary>Worker nodes besides the control plane.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>The login user on every node (the role's <c>virtualcluster_ssh_user</c>, default <c>ansible</c>).</summary>
    public string SshUser { get; set; } = "ansible";

    /// <summary>Host port for the API server on 127.0.0.1; 0 picks a free one.</summary>
    public int ApiServerHostPort { get; set; }

    /// <summary>Debian source package version of "kubernetes" to build the binaries from.</summary>
    public string KubernetesSourceVersion { get; set; } = KubernetesImages.DefaultSourceVersion;

    /// <summary>
    /// The offline upstream folder CoreDNS is built from (its <c>coredns/</c> files); default <c>VCLAB_UPSTREAM_DIR</c>,
    /// null for the upstream tag.
    /// </summary>
    public string? UpstreamDir { get; set; } = LabUpstream.FromEnvironment();

    /// <summary>How long nodes may take to become Ready.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Where the kubeconfig and the SSH key are written (owner-only), one folder per cluster.</summary>
    public string StateDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vclab", "clusters");

    /// <summary>The node names, kind's way: NAME-control-plane, NAME-worker, NAME-worker2, ...</summary>
    public IReadOnlyList<(string Name, NodeRole Role)> NodeNames() =>
    [
        ($"{Name}-control-plane", NodeRole.ControlPlane),
        .. Enumerable.Range(1, Workers).Select(index => (WorkerName(index), NodeRole.Worker)),
    ];

    /// <summary>The name of the worker numbered <paramref name="index"/> (from 1): NAME-worker, NAME-worker2, ...</summary>
    public string WorkerName(int index) => index == 1 ? $"{Name}-worker" : $"{Name}-worker{index}";

    /// <summary>
    /// Why <paramref name="name"/> cannot be a lab's name (null when it can): it becomes a folder, container and network
    /// name, so only a DNS label of at most 40 characters is taken; an empty name or <c>..</c> never reaches a delete.
    /// </summary>
    public static string? NameProblem(string? name) =>
        name is not null && name.Length <= 40 && DnsLabel().IsMatch(name)
            ? null
            : $"SuperCluster:Name is '{name}': a lab's name must be a DNS label of at most 40 characters (a-z, 0-9, '-', starting and ending with a letter or digit).";

    /// <summary>Every problem of these options, each naming its setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        if (NameProblem(Name) is { } name)
        {
            errors.Add(name);
        }

        if (Workers is < 1 or > 8)
        {
            errors.Add($"Workers is {Workers}: it must be between 1 and 8 (vn-agent runs on workers only).");
        }

        if (ApiServerHostPort is < 0 or > 65535)
        {
            errors.Add($"ApiServerHostPort is {ApiServerHostPort}: use 0 (any free port) or a port number.");
        }

        return errors;
    }

    /// <summary>Throws a <see cref="SuperClusterException"/> naming every problem, before anything is created or deleted.</summary>
    public void ThrowIfInvalid()
    {
        if (Problems() is { Count: > 0 } errors)
        {
            throw new SuperClusterException("Invalid super cluster settings: " + string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
