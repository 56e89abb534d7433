using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Deletes the super cluster when the AppHost stops (Ctrl+C), leaving only the caches (<see cref="LabCaches"/>); a
/// persistent lab stays. Also when the host never got as far as stopping its services (Ctrl+C while it was still
/// starting: its start fails and it is disposed): then on disposal, over a Docker connection of its own.
/// </summary>
internal sealed class LabTeardownService(IServiceProvider services, SuperClusterResource resource) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromMinutes(2);
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!ShouldDelete())
        {
            return;
        }

        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
        await SuperClusterLifecycle.StopAsync(resource, docker.Containers, log, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!ShouldDelete())
        {
            return;
        }

        using var timeout = new CancellationTokenSource(DisposeTimeout);
        using var parts = await LabParts.ConnectAsync(NullLogger.Instance, timeout.Token);
        await SuperClusterLifecycle.StopAsync(resource, parts.Containers, NullLogger.Instance, timeout.Token);
    }

    /// <summary>True once, the first time the lab is to go: only a session's lab is deleted, and only by one of the two paths.</summary>
    private bool ShouldDelete()
    {
        // Stopped once: the testing builder's host stops its services again when it is disposed.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return false;
        }

        if (resource.Options.Persistent)
        {
            LabConsole.Say(
                $"stopping: the super cluster '{resource.Options.Name}', its tenants and the build container keep running (lifetime persistent); " +
                "the next start re-attaches to them. To remove them, start once with --Parameters:lifetime=session and stop it.");
            return false;
        }

        if (!resource.DeleteOnStop)
        {
            // Stopped before this session knew the lab's lifetime: the cluster of that name may be a persistent lab's.
            return false;
        }

        // The dashboard is going away with the AppHost: say on the console what is removed, and what stays.
        LabConsole.Say(
            $"stopping: deleting the super cluster '{resource.Options.Name}' (its node containers, its tenants, network " +
            $"'{resource.Options.Name}' and state folder {Path.Combine(resource.Options.StateDirectory, resource.Options.Name)}); what makes the next start fast stays: " +
            $"the node images, Go's build cache, the installer's image cache {Path.Combine(LabCaches.Root, resource.Options.Name)} and the build's checkout (volume {LabCaches.SourceVolume(resource.Options.Name)}).");
        return true;
    }
}
