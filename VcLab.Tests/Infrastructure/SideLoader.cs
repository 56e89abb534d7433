using VcLab.Hosting.Docker;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Tests.Infrastructure;

/// <summary>Puts an image from the engine into nodes' containerd, the way the role does it (docker save, ctr import).</summary>
public static class SideLoader
{
    public static async Task LoadAsync(DockerFixture docker, string reference, IEnumerable<ClusterNode> nodes, CancellationToken cancellationToken)
    {
        var tar = Path.Combine(Path.GetTempPath(), $"vclab-sideload-{Guid.NewGuid():N}.tar");
        try
        {
            await docker.Images.SaveAsync(reference, tar, cancellationToken);
            var content = await File.ReadAllBytesAsync(tar, cancellationToken);
            foreach (var node in nodes)
            {
                await docker.Containers.WriteFileAsync(node.ContainerId, new ContainerFile("/tmp/sideload.tar", content, UnixFileMode.UserRead), cancellationToken);
                (await docker.Containers.ExecAsync(node.ContainerId, ["ctr", "-n", "k8s.io", "images", "import", "/tmp/sideload.tar"], cancellationToken))
                    .EnsureSuccess(node.Name, ["ctr", "images", "import"]);
            }
        }
        finally
        {
            File.Delete(tar);
        }
    }
}
