using Docker.DotNet;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting;

/// <summary>
/// The lab's parts over one connection to the Docker engine, wired in this one place: the engines, the image builder
/// (with its base image), the super cluster's provisioner and teardown, and the build container's launcher. The
/// AppHost, <c>VcLabFixture</c>, the tests and the bench all start from here.
/// </summary>
public sealed class LabParts : IDisposable
{
    private readonly IDockerClient _client;

    private LabParts(IDockerClient client, ILogger log, bool tryPull)
    {
        _client = client;
        Log = log;
        Images = new DockerImageEngine(client);
        Containers = new DockerContainerEngine(client);
        ImageBuilder = ImageBuilderFor(Images, log, tryPull);
    }

    public ILogger Log { get; }

    public IImageEngine Images { get; }

    public IContainerEngine Containers { get; }

    public LabImageBuilder ImageBuilder { get; }

    public SuperClusterProvisioner Provisioner => new(Containers, Images, ImageBuilder, Log);

    public SuperClusterTeardown Teardown => new(Containers, Log);

    internal SuperClusterReattacher Reattacher => new(Containers, ImageBuilder, Log);

    public BuildContainerLauncher BuildContainers => new(Containers, ImageBuilder);

    /// <summary>Connects to the engine (DOCKER_HOST, else the local socket). <paramref name="tryPull"/>: may the base image be pulled from a registry first.</summary>
    public static async Task<LabParts> ConnectAsync(ILogger log, CancellationToken cancellationToken, bool tryPull = true) =>
        new(await new DockerClientFactory().ConnectAsync(cancellationToken), log, tryPull);

    /// <summary>
    /// An image builder that reports to <paramref name="log"/> (the AppHost gives each resource's own), and a long build's
    /// progress to <paramref name="progress"/> when given (the AppHost's console and the resource's state).
    /// </summary>
    public static LabImageBuilder ImageBuilderFor(IImageEngine images, ILogger log, bool tryPull = true, IProgress<string>? progress = null) =>
        new(images, new BaseImageProvider(images, log) { TryPull = tryPull, Progress = progress }, log) { Progress = progress };

    public void Dispose() => _client.Dispose();
}
