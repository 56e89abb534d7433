using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VcLab.Installer.Options;

namespace VcLab.Hosting.Aspire;

/// <summary>Points a resource that runs the installer at the lab's super cluster and build container.</summary>
public static class InstallerResourceExtensions
{
    /// <summary>
    /// Waits for the super cluster, then hands the installer its kubeconfig and the control plane's SSH settings, with a
    /// controller image cache that the lab keeps across its restarts (<see cref="LabCaches"/>).
    /// </summary>
    public static IResourceBuilder<T> WithSuperCluster<T>(this IResourceBuilder<T> installer, IResourceBuilder<SuperClusterResource> superCluster)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        installer.WaitFor(superCluster).WithEnvironment(context =>
        {
            var cluster = superCluster.Resource.Cluster ?? throw new InvalidOperationException($"{superCluster.Resource.Name} is not running.");
            Add(context, (LabInstallTarget.For(cluster) with { ImageCacheDir = LabCaches.ControllerImages(cluster.Name) }).ToSettings());
        });

    /// <summary>Waits for the build container, then builds there from the source it serves.</summary>
    public static IResourceBuilder<T> WithBuildContainer<T>(this IResourceBuilder<T> installer, IResourceBuilder<BuildContainerResource> buildContainer)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        installer.WaitFor(buildContainer).WithEnvironment(context => Add(
            context,
            LabInstallTarget.For(buildContainer.Resource.Container ?? throw new InvalidOperationException($"{buildContainer.Resource.Name} is not running.")).ToSettings()));

    /// <summary>
    /// Says the installer's progress on the AppHost's console (<see cref="InstallerConsole"/>): its stages that take
    /// longer than 20 s while they run, any that fails, and how it ended; again for every run the dashboard starts.
    /// </summary>
    public static IResourceBuilder<T> WithProgressOnConsole<T>(this IResourceBuilder<T> installer)
        where T : IResource
    {
        installer.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((start, cancellationToken) =>
        {
            var services = start.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var logs = services.GetRequiredService<ResourceLoggerService>();
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            _ = Task.Run(() => InstallerConsole.FollowAsync(installer.Resource, logs, notifications, LabConsole.Say, TimeProvider.System, stopping), stopping);
            return Task.CompletedTask;
        });
        return installer;
    }

    private static void Add(EnvironmentCallbackContext context, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            context.EnvironmentVariables[SettingKeys.AsEnvironmentVariable(key)] = value;
        }
    }
}
