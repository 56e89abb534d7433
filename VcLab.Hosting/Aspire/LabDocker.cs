using Docker.DotNet;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.Aspire;

/// <summary>The lab's one Docker connection in the AppHost, opened on first use and shared by its resources.</summary>
public sealed class LabDocker : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDockerClient? _client;

    public IImageEngine Images { get; private set; } = null!;

    public IContainerEngine Containers { get; private set; } = null!;

    public async Task<LabDocker> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is null)
            {
                _client = await new DockerClientFactory().ConnectAsync(cancellationToken);
                Images = new DockerImageEngine(_client);
                Containers = new DockerContainerEngine(_client);
            }

            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An image builder that logs to the given resource's console.</summary>
    public LabImageBuilder ImageBuilder(ILogger resourceLogger) =>
        new(Images, new BaseImageProvider(Images, resourceLogger), resourceLogger);

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
