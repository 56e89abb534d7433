using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VcLab.Hosting.Aspire;

/// <summary>Deletes the super cluster when the AppHost stops (Ctrl+C), leaving only the caches (<see cref="LabCaches"/>); a persistent lab stays.</summary>
internal sealed class LabTeardownService(IServiceProvider services, SuperClusterResource resource) : IHostedService
{
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped once: the testing builder's host stops its services again when it is disposed.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return Task.CompletedTask;
        }

        if (resource.Options.Persistent)
        {
            LabConsole.Say(
                $"stopping: the super cluster '{resource.Options.Name}', its tenants and the build container keep running (lifetime persistent); " +
                "the next start re-attaches to them. To remove them, start once with --Parameters:lifetime=session and stop it.");
            return Task.CompletedTask;
        }

        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        // The dashboard is going away with the AppHost: say on the console what is removed, and what stays.
        LabConsole.Say(
            $"stopping: deleting the super cluster '{resource.Options.Name}' (its node containers, its tenants, network " +
            $"'{resource.Options.Name}' and state folder {Path.Combine(resource.Options.StateDirectory, resource.Options.Name)}); what makes the next start fast stays: " +
            $"the node images, Go's build cache, the installer's image cache {Path.Combine(LabCaches.Root, resource.Options.Name)} and the build's checkout (volume {LabCaches.SourceVolume(resource.Options.Name)}).");
        return SuperClusterLifecycle.StopAsync(resource, services, log, cancellationToken);
    }
}
