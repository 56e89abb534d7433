using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VcLab.Hosting.SuperCluster;
using VcLab.Hosting.Kubernetes;

namespace VcLab.Hosting.Aspire;

/// <summary>Adds the lab's super cluster to an AppHost.</summary>
public static class SuperClusterBuilderExtensions
{
    /// <summary>
    /// A kind-style Kubernetes built from Debian's archive (control plane + <paramref name="workers"/> workers). It is
    /// created fresh when the AppHost starts and deleted when it stops (or kept and re-attached, see
    /// <see cref="WithLifetime"/>); its name comes from the configuration key
    /// <c>SuperCluster:Name</c> (default <c>vclab</c>).
    /// </summary>
    public static IResourceBuilder<SuperClusterResource> AddSuperCluster(this IDistributedApplicationBuilder builder, string name, int workers = 2)
    {
        var options = new SuperClusterOptions
        {
            Name = builder.Configuration["SuperCluster:Name"] ?? "vclab",
            Workers = workers,
            K3sImage = builder.Configuration["SuperCluster:K3sImage"] ?? SuperClusterOptions.DefaultK3sImage,
        };
        if (SuperClusterOptions.NameProblem(options.Name) is { } problem)
        {
            throw new SuperClusterException($"{problem} Nothing was started or deleted.");
        }

        var resource = new SuperClusterResource(name, options);
        builder.Services.TryAddSingleton<LabDocker>();
        var healthKey = $"{name}-nodes-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, services => new DelegateHealthCheck(cancellationToken => CheckAsync(resource, services.GetRequiredService<LabDocker>(), cancellationToken)), failureStatus: null, tags: null));
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (initialize, cancellationToken) =>
        {
            var log = initialize.Logger;
            _ = Task.Run(() => SuperClusterLifecycle.StartAsync(resource, initialize.Services, initialize.Notifications, log, cancellationToken), cancellationToken);
            return Task.CompletedTask;
        });
        builder.Services.AddHostedService(services => new LabTeardownService(services, resource));

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "SuperCluster", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithHealthCheck(healthKey)
            .WithCommand("recreate", "Re-create", context => RecreateAsync(resource, context), new CommandOptions { IconName = "ArrowClockwise" })
            .WithCommand("kubeconfig", "Where is the kubeconfig?", context => Task.FromResult(resource.Cluster is { } cluster
                ? new ExecuteCommandResult { Success = true, Message = cluster.KubeconfigPath }
                : new ExecuteCommandResult { Success = false, Message = "The super cluster is not running." }), new CommandOptions { IconName = "DocumentText" })
            .WithCommand("create-tenant", "Create another tenant", context => CreateTenantAsync(resource, context), new CommandOptions { IconName = "Add" });
    }

    /// <summary>
    /// One more tenant cluster (the next free tenant-N), created and followed to Running; the result, and the console,
    /// give its kubeconfig. It is not a resource of its own (the dashboard's resources are fixed when the lab starts).
    /// </summary>
    private static async Task<ExecuteCommandResult> CreateTenantAsync(SuperClusterResource resource, ExecuteCommandContext context)
    {
        if (resource.Cluster is not { } cluster)
        {
            return new ExecuteCommandResult { Success = false, Message = "The super cluster is not running." };
        }

        try
        {
            using var client = LabClusterApi.Connect(cluster.KubeconfigPath);
            var tenants = new Tenants.LabTenants(cluster, client, TimeProvider.System);
            var tenant = await tenants.CreateAsync(await tenants.NextNameAsync(context.CancellationToken), context.CancellationToken);
            LabConsole.Say($"{tenant.Name} is Running: kubectl --kubeconfig {tenant.KubeconfigPath} get ns");
            return new ExecuteCommandResult { Success = true, Message = $"{tenant.Name} is Running; kubeconfig: {tenant.KubeconfigPath}" };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ExecuteCommandResult { Success = false, Message = exception.Message };
        }
    }

    /// <summary>The number of workers, from a parameter (a whole number from 1 to 8).</summary>
    public static IResourceBuilder<SuperClusterResource> WithWorkers(this IResourceBuilder<SuperClusterResource> superCluster, IResourceBuilder<ParameterResource> workers)
    {
        superCluster.Resource.AddSetting(async (options, cancellationToken) =>
        {
            var value = await workers.Resource.GetValueAsync(cancellationToken);
            options.Workers = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 8
                ? count
                : throw new SuperClusterException($"The parameter {workers.Resource.Name} is '{value}': give a whole number of workers from 1 to 8 (Parameters:{workers.Resource.Name}).");
        });
        return superCluster;
    }

    /// <summary>What the nodes run, from a parameter: <c>debian</c> (offline, the default) or <c>k3s</c> (where its image can be had).</summary>
    public static IResourceBuilder<SuperClusterResource> WithDistribution(this IResourceBuilder<SuperClusterResource> superCluster, IResourceBuilder<ParameterResource> distribution)
    {
        superCluster.Resource.AddSetting(async (options, cancellationToken) =>
        {
            var value = await distribution.Resource.GetValueAsync(cancellationToken);
            options.Distribution = Enum.TryParse<ClusterDistribution>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new SuperClusterException($"The parameter {distribution.Resource.Name} is '{value}': use 'debian' (offline, the default) or 'k3s' (Parameters:{distribution.Resource.Name}).");
        });
        return superCluster;
    }

    /// <summary>
    /// The lab's lifetime from a parameter: <c>session</c> (default) or <c>persistent</c>, which leaves the super cluster
    /// and its tenants running when the AppHost stops and re-attaches to them at the next start, as Aspire's persistent
    /// containers are.
    /// </summary>
    public static IResourceBuilder<SuperClusterResource> WithLifetime(this IResourceBuilder<SuperClusterResource> superCluster, IResourceBuilder<ParameterResource> lifetime)
    {
        superCluster.Resource.AddSetting(async (options, cancellationToken) =>
        {
            try
            {
                options.Persistent = await LabLifetime.IsPersistentAsync(lifetime.Resource, cancellationToken);
            }
            catch (ArgumentException exception)
            {
                throw new SuperClusterException(exception.Message, exception);
            }
        });
        return superCluster;
    }

    private static async Task<HealthCheckResult> CheckAsync(SuperClusterResource resource, LabDocker docker, CancellationToken cancellationToken)
    {
        if (resource.Cluster is not { } cluster)
        {
            return HealthCheckResult.Unhealthy("not created yet");
        }

        using var client = LabClusterApi.Connect(cluster.KubeconfigPath);
        if (!await ClusterReadiness.ApiReadyAsync(client, cancellationToken))
        {
            // Say what is wrong where it can be seen: a node container restarted under the lab runs none of its services.
            var stopped = await NodeServicesCheck.ProblemAsync((await docker.ConnectAsync(cancellationToken)).Containers, cluster.Nodes, cancellationToken);
            return HealthCheckResult.Unhealthy(stopped is null
                ? "the API server's /readyz does not answer ok"
                : $"the API server does not answer: {stopped}. Use the command Re-create (or restart the AppHost) to make the cluster anew.");
        }

        var notReady = await ClusterReadiness.NotReadyNodesAsync(client, cluster.Nodes.Select(node => node.Name), cancellationToken);
        return notReady.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"not Ready: {string.Join(", ", notReady)}");
    }

    private static async Task<ExecuteCommandResult> RecreateAsync(SuperClusterResource resource, ExecuteCommandContext context)
    {
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        var log = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        await SuperClusterLifecycle.StartAsync(resource, context.Services, notifications, log, context.CancellationToken);
        return resource.Cluster is null
            ? new ExecuteCommandResult { Success = false, Message = "Re-creating failed; see the resource's console log." }
            : new ExecuteCommandResult { Success = true };
    }
}
