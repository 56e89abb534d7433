using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting.Aspire;

/// <summary>Creates the super cluster when the AppHost initializes it, reporting each phase as the resource's state.</summary>
internal static class SuperClusterLifecycle
{
    public static async Task StartAsync(SuperClusterResource resource, IServiceProvider services, ResourceNotificationService notifications, ILogger log, CancellationToken cancellationToken)
    {
        async Task State(string state, string style) =>
            await notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = new ResourceStateSnapshot(state, style) });

        try
        {
            await State("Starting", KnownResourceStateStyles.Info);
            var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
            var teardown = new SuperClusterTeardown(docker.Containers, log);
            await teardown.DeleteAsync(resource.Options.Name, resource.Options.StateDirectory, cancellationToken);
            var provisioner = new SuperClusterProvisioner(docker.Containers, docker.Images, docker.ImageBuilder(log), log)
            {
                Phases = new Progress<string>(phase => _ = State(phase, KnownResourceStateStyles.Info)),
            };
            var cluster = await provisioner.CreateAsync(resource.Options, cancellationToken);
            resource.Cluster = cluster;
            await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties =
                [
                    .. snapshot.Properties,
                    new ResourcePropertySnapshot("vclab.kubeconfig", cluster.KubeconfigPath),
                    new ResourcePropertySnapshot("vclab.api-server", cluster.ApiServer.ToString()),
                    new ResourcePropertySnapshot("vclab.nodes", string.Join(", ", cluster.Nodes.Select(node => $"{node.Name} ({node.Address})"))),
                ],
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HostingLog.ResourceFailed(log, exception, resource.Name, exception.Message);
            await State(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error);
        }
    }

    public static async Task StopAsync(SuperClusterResource resource, IServiceProvider services, ILogger log, CancellationToken cancellationToken)
    {
        var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
        await new SuperClusterTeardown(docker.Containers, log).DeleteAsync(resource.Options.Name, resource.Options.StateDirectory, cancellationToken);
        resource.Cluster = null;
    }
}
