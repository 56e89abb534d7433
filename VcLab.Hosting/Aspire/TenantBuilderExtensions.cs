using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Tenants;
using VcLab.Hosting.Kubernetes;

namespace VcLab.Hosting.Aspire;

/// <summary>Adds tenant clusters (VirtualClusters) to an AppHost, each a resource under the super cluster.</summary>
public static class TenantBuilderExtensions
{
    /// <summary>
    /// A tenant cluster named <paramref name="name"/>, created once <paramref name="installer"/> has installed
    /// VirtualCluster onto <paramref name="superCluster"/> and exited; Running (and healthy) when its VirtualCluster is,
    /// with commands to show its kubeconfig's path and to delete it.
    /// </summary>
    public static IResourceBuilder<TenantResource> AddTenant(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<SuperClusterResource> superCluster, IResourceBuilder<IResource> installer)
    {
        var resource = new TenantResource(name, superCluster.Resource);
        var healthKey = $"{name}-running";
        builder.Services.AddHealthChecks().AddCheck(healthKey, () => resource.Tenant is null ? HealthCheckResult.Unhealthy("not Running yet") : HealthCheckResult.Healthy());
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (initialize, cancellationToken) =>
        {
            _ = Task.Run(() => StartAsync(resource, installer.Resource.Name, initialize, cancellationToken), cancellationToken);
            return Task.CompletedTask;
        });
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "VirtualCluster", State = KnownResourceStates.Waiting, Properties = [] })
            .WithHealthCheck(healthKey)
            .WithCommand("kubeconfig", "Where is the kubeconfig?", _ => Task.FromResult(resource.Tenant is { } tenant
                ? new ExecuteCommandResult { Success = true, Message = tenant.KubeconfigPath }
                : new ExecuteCommandResult { Success = false, Message = $"{name} is not Running." }), new CommandOptions { IconName = "DocumentText" })
            .WithCommand("delete", "Delete", context => DeleteAsync(resource, context), new CommandOptions { IconName = "Delete", ConfirmationMessage = $"Delete the tenant cluster {name}?" });
    }

    /// <summary>
    /// The demo's web page in this tenant once it is Running (<see cref="LabDemo"/>): a page that names the tenant, its
    /// address in the resource's URLs.
    /// </summary>
    public static IResourceBuilder<TenantResource> WithDemo(this IResourceBuilder<TenantResource> tenant)
    {
        tenant.Resource.Demo = true;
        return tenant;
    }

    private static async Task StartAsync(TenantResource resource, string installer, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        var notifications = initialize.Notifications;
        try
        {
            await LabResourceStates.PhaseAsync(notifications, resource, "Waiting for the installer");
            var finished = await notifications.WaitForResourceAsync(installer, snapshot => snapshot.Snapshot.State?.Text == KnownResourceStates.Finished, cancellationToken);
            if (finished.Snapshot.ExitCode is not 0)
            {
                throw new InvalidOperationException($"The installer exited with {finished.Snapshot.ExitCode}: VirtualCluster is not installed, so no tenant can be created. Its log says why.");
            }

            var cluster = resource.Parent.Cluster ?? throw new InvalidOperationException($"{resource.Parent.Name} is not running.");
            await LabResourceStates.PhaseAsync(notifications, resource, "Creating (Pending)");
            LabConsole.Say($"{resource.Name}: creating its VirtualCluster");
            using var client = LabClusterApi.Connect(cluster.KubeconfigPath);
            var tenant = await new LabTenants(cluster, client, TimeProvider.System).CreateAsync(resource.Name, cancellationToken, phase =>
            {
                _ = LabResourceStates.PhaseAsync(notifications, resource, $"Creating ({phase.Name}, {phase.At.TotalSeconds:F0} s)");
                if (phase.At >= LabConsole.Quiet)
                {
                    // A slow creation (a first run, a busy machine) is shown as it goes.
                    LabConsole.Say($"{resource.Name}: {phase.Name} after {phase.At.TotalSeconds:F0} s");
                }
            });
            resource.Tenant = tenant;
            HostingLog.TenantReady(initialize.Logger, resource.Name, tenant.KubeconfigPath);
            LabConsole.Say($"{resource.Name} is Running: kubectl --kubeconfig {tenant.KubeconfigPath} get ns");
            await LabResourceStates.RunningAsync(
                notifications,
                resource,
                ("vclab.kubeconfig", tenant.KubeconfigPath),
                ("vclab.cluster-namespace", tenant.ClusterNamespace));
            if (resource.Demo)
            {
                await ShowDemoAsync(resource, tenant, cluster, client, initialize, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await LabResourceStates.FailedAsync(notifications, resource, initialize.Logger, exception);
        }
    }

    /// <summary>Deploys the demo page and adds its address to the resource's URLs; a failure is said, and the tenant stays Running.</summary>
    private static async Task ShowDemoAsync(
        TenantResource resource, TenantCluster tenant, SuperCluster.SuperCluster cluster, IKubernetes client, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        try
        {
            var docker = await initialize.Services.GetRequiredService<LabDocker>().ConnectAsync(cancellationToken);
            var demo = new LabDemo(docker.Images, docker.Containers, docker.ImageBuilder(initialize.Logger), cluster, TimeProvider.System);
            var address = await demo.DeployAsync(tenant, client, cancellationToken);
            HostingLog.DemoReady(initialize.Logger, resource.Name, address);
            LabConsole.Say($"{resource.Name}'s demo page: {address}");
            await initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                Urls = [.. snapshot.Urls.Where(url => url.Name != "demo"), new UrlSnapshot("demo", address.ToString(), IsInternal: false)],
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HostingLog.DemoFailed(initialize.Logger, exception, resource.Name, exception.Message);
            LabConsole.Say($"{resource.Name}'s demo page could not be deployed: {exception.Message}");
        }
    }

    private static async Task<ExecuteCommandResult> DeleteAsync(TenantResource resource, ExecuteCommandContext context)
    {
        if (resource.Parent.Cluster is not { } cluster)
        {
            return new ExecuteCommandResult { Success = false, Message = $"{resource.Parent.Name} is not running." };
        }

        using var client = LabClusterApi.Connect(cluster.KubeconfigPath);
        await new LabTenants(cluster, client, TimeProvider.System).DeleteAsync(resource.Name, context.CancellationToken);
        resource.Tenant = null;
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        // Its demo page went with it.
        await notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = new ResourceStateSnapshot("Deleted", KnownResourceStateStyles.Info), Urls = [] });
        return new ExecuteCommandResult { Success = true, Message = $"{resource.Name} deleted" };
    }
}
