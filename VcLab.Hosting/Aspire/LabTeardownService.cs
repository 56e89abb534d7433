using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VcLab.Hosting.Aspire;

/// <summary>Deletes the super cluster when the AppHost stops (Ctrl+C), leaving only the image cache.</summary>
internal sealed class LabTeardownService(IServiceProvider services, SuperClusterResource resource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        return SuperClusterLifecycle.StopAsync(resource, services, log, cancellationToken);
    }
}
