using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The images a super cluster runs on: the node image with Kubernetes, and the images preloaded into every node
/// (the pause image, CoreDNS, the control plane of the super cluster and of tenants).
/// </summary>
internal sealed record ClusterImages(string KubeNode, string Pause, string CoreDns, string ControlPlane)
{
    public static async Task<ClusterImages> EnsureAsync(LabImageBuilder builder, string sourceVersion, string? upstreamDir, CancellationToken cancellationToken)
    {
        var node = await builder.EnsureAsync(LabImages.Node, cancellationToken);
        var binaries = await builder.EnsureAsync(KubernetesImages.Binaries(sourceVersion), cancellationToken);
        var pause = await builder.EnsureAsync(KubernetesImages.Pause(sourceVersion), cancellationToken);
        var kubeNode = await builder.EnsureAsync(KubernetesImages.Node(node, binaries), cancellationToken);
        var coreDns = await CoreDnsImages.EnsureAsync(builder, upstreamDir, cancellationToken);
        var controlPlane = await builder.EnsureAsync(KubernetesImages.ControlPlane(binaries), cancellationToken);
        return new ClusterImages(kubeNode, pause, coreDns, controlPlane);
    }

    /// <summary>
    /// The images every node's containerd holds, as docker-save tars (see <see cref="NodeImageStore"/>); pause also as
    /// v1.20's sandbox image name.
    /// </summary>
    public async Task<IReadOnlyList<NodeImage>> SaveForNodesAsync(IImageEngine images, TimeProvider time, CancellationToken cancellationToken) =>
    [
        await NodeImage.SaveAsync(images, Pause, cancellationToken, KubernetesImages.PauseReference, time),
        await NodeImage.SaveAsync(images, CoreDns, cancellationToken, time: time),
        await NodeImage.SaveAsync(images, ControlPlane, cancellationToken, time: time),
    ];
}
