using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Creates the super cluster when the AppHost initializes it, reporting each phase as the resource's state; a
/// persistent lab's cluster left running by the last start is re-attached instead.
/// </summary>
internal static class SuperClusterLifecycle
{
    public static async Task StartAsync(SuperClusterResource resource, IServiceProvider services, ResourceNotificationService notifications, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            await LabResourceStates.PhaseAsync(notifications, resource, "Starting");
            var options = await resource.ResolveOptionsAsync(cancellationToken);
            options.ThrowIfInvalid(); // before anything of that name is deleted
            resource.DeleteOnStop = !options.Persistent;
            var docker = await services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
            var cluster = options.Persistent
                ? await new SuperClusterReattacher(docker.Containers, docker.ImageBuilder(log), log).AttachAsync(options, cancellationToken)
                : null;
            if (cluster is not null)
            {
                LabConsole.Say($"{resource.Name}: re-attached to the running super cluster '{options.Name}' (lifetime persistent).");
            }
            else
            {
                await new SuperClusterTeardown(docker.Containers, log).DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
                var phases = LabResourceStates.Progress(notifications, resource);
                var provisioner = new SuperClusterProvisioner(docker.Containers, docker.Images, docker.ImageBuilder(log, phases), log) { Phases = phases };
                cluster = await provisioner.CreateAsync(options, cancellationToken);
                LabCaches.ForgetHostKeys(options.Name);
            }

            resource.Cluster = cluster;
            LabConsole.Say($"{resource.Name}: {cluster.Nodes.Count} nodes Ready; kubeconfig {cluster.KubeconfigPath}. The installer runs next.");
            await LabResourceStates.RunningAsync(
                notifications,
                resource,
                ("vclab.distribution", options.Distribution.ToString().ToLowerInvariant()),
                ("vclab.kubeconfig", cluster.KubeconfigPath),
                ("vclab.api-server", cluster.ApiServer.ToString()),
                ("vclab.nodes", string.Join(", ", cluster.Nodes.Select(node => $"{node.Name} ({node.Address})"))));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await LabResourceStates.FailedAsync(notifications, resource, log, exception);
        }
    }

    public static async Task StopAsync(SuperClusterResource resource, IContainerEngine containers, ILogger log, CancellationToken cancellationToken)
    {
        await new SuperClusterTeardown(containers, log).DeleteAsync(resource.Options.Name, resource.Options.StateDirectory, cancellationToken);
        resource.Cluster = null;
    }
}
