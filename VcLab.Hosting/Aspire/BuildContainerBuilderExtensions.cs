using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VcLab.Hosting.BuildContainer;

namespace VcLab.Hosting.Aspire;

/// <summary>Adds the lab's build container to an AppHost.</summary>
public static class BuildContainerBuilderExtensions
{
    /// <summary>
    /// The build container, on the host's Docker engine through its socket, serving the offline upstream bundle
    /// (VCLAB_UPSTREAM_DIR) as a git repository, its checkout on a volume the lab keeps (<see cref="LabCaches"/>).
    /// Removed when the AppHost stops, unless the lab's lifetime is persistent; the volume stays either way.
    /// </summary>
    public static IResourceBuilder<BuildContainerResource> AddBuildContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var lab = builder.Configuration["SuperCluster:Name"] ?? "vclab";
        var resource = new BuildContainerResource(name, $"{lab}-{name}") { SourceVolume = LabCaches.SourceVolume(lab) };
        builder.Services.TryAddSingleton<LabDocker>();
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (initialize, cancellationToken) =>
        {
            _ = Task.Run(() => StartAsync(resource, initialize, cancellationToken), cancellationToken);
            return Task.CompletedTask;
        });
        builder.Services.AddHostedService(services => new BuildContainerTeardownService(services, resource));
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "BuildContainer", State = KnownResourceStates.NotStarted, Properties = [] });
    }

    /// <summary>
    /// The lab's lifetime from a parameter: <c>persistent</c> leaves the build container (its checkout and built
    /// binaries) running when the AppHost stops, and the next start re-attaches to it.
    /// </summary>
    public static IResourceBuilder<BuildContainerResource> WithLifetime(this IResourceBuilder<BuildContainerResource> buildContainer, IResourceBuilder<ParameterResource> lifetime)
    {
        buildContainer.Resource.Lifetime = lifetime.Resource;
        return buildContainer;
    }

    private static async Task StartAsync(BuildContainerResource resource, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        var notifications = initialize.Notifications;
        try
        {
            await LabResourceStates.PhaseAsync(notifications, resource, "Building image");
            resource.Persistent = resource.Lifetime is { } lifetime && await LabLifetime.IsPersistentAsync(lifetime, cancellationToken);
            resource.RemoveOnStop = !resource.Persistent;
            var docker = await initialize.Services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
            // A first run builds its image for about a minute (and may make the base image): said as the super cluster's are.
            var progress = LabResourceStates.Progress(notifications, resource);
            var launcher = new BuildContainerLauncher(docker.Containers, docker.ImageBuilder(initialize.Logger, progress)) { SourceVolume = resource.SourceVolume };
            var upstream = LabUpstream.FromEnvironment();
            var container = (resource.Persistent ? await launcher.AttachAsync(resource.ContainerName, upstream, cancellationToken) : null)
                ?? await launcher.StartAsync(resource.ContainerName, new Dictionary<string, string>(), upstream, cancellationToken);
            resource.Container = container;
            await LabResourceStates.RunningAsync(
                notifications,
                resource,
                ("vclab.build-host", container.BuildHost),
                ("vclab.source-repository", container.SourceRepository),
                ("vclab.offline-upstream", container.OfflineUpstreamDir ?? "(none: upstream URLs)"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await LabResourceStates.FailedAsync(notifications, resource, initialize.Logger, exception);
        }
    }
}
