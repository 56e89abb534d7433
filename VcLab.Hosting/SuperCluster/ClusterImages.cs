using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.SuperCluster;

/// <summary>The images a super cluster runs on: the node image with Kubernetes, and the pause image as a tar.</summary>
public sealed record ClusterImages(string KubeNode, string Pause)
{
    public static async Task<ClusterImages> EnsureAsync(LabImageBuilder builder, string sourceVersion, CancellationToken cancellationToken)
    {
        var node = await builder.EnsureAsync(LabImages.Node, cancellationToken);
        var binaries = await builder.EnsureAsync(KubernetesImages.Binaries(sourceVersion), cancellationToken);
        var pause = await builder.EnsureAsync(KubernetesImages.Pause(sourceVersion), cancellationToken);
        var kubeNode = await builder.EnsureAsync(KubernetesImages.Node(node, binaries), cancellationToken);
        return new ClusterImages(kubeNode, pause);
    }

    /// <summary>Writes the pause image as a docker save tar, for ctr to import on each node.</summary>
    public async Task<byte[]> SavePauseAsync(IImageEngine images, CancellationToken cancellationToken)
    {
        var tar = Path.Combine(Path.GetTempPath(), $"vclab-pause-{Guid.NewGuid():N}.tar");
        try
        {
            await images.SaveAsync(Pause, tar, cancellationToken);
            return await File.ReadAllBytesAsync(tar, cancellationToken);
        }
        finally
        {
            File.Delete(tar);
        }
    }
}
