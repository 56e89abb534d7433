using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Bench;

/// <summary>The real Docker engine and the lab's builders, for the benchmarks.</summary>
internal sealed class BenchLab(DockerImageEngine images, DockerContainerEngine containers) 
{
    public DockerImageEngine Images { get; } = images;

    public DockerContainerEngine Containers { get; } = containers;

    public LabImageBuilder ImageBuilder { get; } = new(images, new BaseImageProvider(images, NullLogger.Instance), NullLogger.Instance);

    public SuperClusterProvisioner Provisioner => new(Containers, Images, ImageBuilder, NullLogger.Instance);

    public SuperClusterTeardown Teardown => new(Containers, NullLogger.Instance);

    public static async Task<BenchLab> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = await new DockerClientFactory().ConnectAsync(cancellationToken);
        return new BenchLab(new DockerImageEngine(client), new DockerContainerEngine(client));
    }
}
