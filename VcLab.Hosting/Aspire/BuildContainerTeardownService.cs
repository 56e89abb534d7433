using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VcLab.Hosting.Aspire;

/// <summary>Removes the build container when the AppHost stops (a persistent lab's stays).</summary>
internal sealed class BuildContainerTeardownService(IServiceProvider services, BuildContainerResource resource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (resource.Persistent)
        {
            return;
        }

        var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
        await docker.Containers.RemoveAsync(resource.ContainerName, cancellationToken);
        resource.Container = null;
    }
}
