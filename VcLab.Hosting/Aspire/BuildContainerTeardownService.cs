using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Removes the build container when the AppHost stops (a persistent lab's stays), or, when the host never got as far as
/// stopping its services (Ctrl+C while it was starting), when it is disposed.
/// </summary>
internal sealed class BuildContainerTeardownService(IServiceProvider services, BuildContainerResource resource) : IHostedService, IAsyncDisposable
{
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (ShouldRemove())
        {
            var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
            await docker.Containers.RemoveAsync(resource.ContainerName, cancellationToken);
            resource.Container = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (ShouldRemove())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            using var parts = await LabParts.ConnectAsync(NullLogger.Instance, timeout.Token);
            await parts.Containers.RemoveAsync(resource.ContainerName, timeout.Token);
            resource.Container = null;
        }
    }

    /// <summary>Once, and only a session's container (a lifetime not known yet may be a persistent lab's).</summary>
    private bool ShouldRemove() => resource.RemoveOnStop && Interlocked.Exchange(ref _stopped, 1) == 0;
}
