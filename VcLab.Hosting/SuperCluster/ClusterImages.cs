using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The images a super cluster runs on: the node image with Kubernetes, and the images preloaded into every node
/// (the pause image, CoreDNS, the control plane of the super cluster and of tenants).
/// </summary>
internal sealed record ClusterImages(string KubeNode, string Pause, string CoreDns, string ControlPlane)
{
    /// <summary>
    /// Builds (or finds) them. On a first run the Kubernetes binaries build for about ten minutes and CoreDNS for two:
    /// CoreDNS builds beside them, on the CPU their downloads, links and layer commit leave idle, not after them. The
    /// first to fail stops the other, so a failure is said as soon as it happens.
    /// </summary>
    public static async Task<ClusterImages> EnsureAsync(LabImageBuilder builder, string sourceVersion, string? upstreamDir, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var coreDns = StopsTheOtherOnFailure(CoreDnsImages.EnsureAsync(builder, upstreamDir, failed.Token), failed);
        var kubernetes = StopsTheOtherOnFailure(KubernetesAsync(builder, sourceVersion, failed.Token), failed);
        await Task.WhenAll(coreDns, kubernetes);
        var (kubeNode, pause, controlPlane) = await kubernetes;
        return new ClusterImages(kubeNode, pause, await coreDns, controlPlane);
    }

    private static async Task<(string KubeNode, string Pause, string ControlPlane)> KubernetesAsync(LabImageBuilder builder, string sourceVersion, CancellationToken cancellationToken)
    {
        var node = await builder.EnsureAsync(LabImages.Node, cancellationToken);
        var binaries = await builder.EnsureAsync(KubernetesImages.Binaries(sourceVersion), cancellationToken);
        var pause = await builder.EnsureAsync(KubernetesImages.Pause(sourceVersion), cancellationToken);
        var kubeNode = await builder.EnsureAsync(KubernetesImages.Node(node, binaries), cancellationToken);
        var controlPlane = await builder.EnsureAsync(KubernetesImages.ControlPlane(binaries), cancellationToken);
        return (kubeNode, pause, controlPlane);
    }

    private static async Task<T> StopsTheOtherOnFailure<T>(Task<T> building, CancellationTokenSource both)
    {
        try
        {
            return await building;
        }
        catch
        {
            await both.CancelAsync();
            throw;
        }
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
