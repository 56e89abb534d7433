using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using k8s;

namespace VcLab.Tests.AppHost;

/// <summary>The whole lab as a developer starts it: the AppHost, headless, on the real Docker engine.</summary>
public sealed class AppHostFunctionalTests
{
    private static readonly TimeSpan LabTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task AppHost_BringsTheLabUp_InstallerFinishesGreen_ComponentsRunOnWorkers()
    {
        // Given the AppHost, with a super cluster name of its own
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LabTimeout);
        var name = $"vca-{Guid.NewGuid().ToString("N")[..6]}";
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VcLab_AppHost>([$"--SuperCluster:Name={name}"], timeout.Token);
        await using var app = await appHost.BuildAsync(timeout.Token);

        // When it starts and the installer has run to its end
        await app.StartAsync(timeout.Token);
        ResourceEvent? installer = null;
        await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (resourceEvent.Resource.Name == "installer" && resourceEvent.Snapshot.ExitCode is not null)
            {
                installer = resourceEvent;
                break;
            }
        }

        // Then the installer exited 0, and vc-manager, vc-syncer and vn-agent run, vn-agent on the workers only
        Assert.Equal(0, installer?.Snapshot.ExitCode);
        Assert.True(app.ResourceNotifications.TryGetCurrentState("super-cluster", out var cluster));
        Assert.Equal(KnownResourceStates.Running, cluster.Snapshot.State?.Text);
        var kubeconfig = cluster.Snapshot.Properties.Single(property => property.Name == "vclab.kubeconfig").Value as string;
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var pods = (await client.CoreV1.ListNamespacedPodAsync("vc-manager", cancellationToken: timeout.Token)).Items;
        Assert.All(pods, pod => Assert.Equal("Running", pod.Status.Phase));
        Assert.Contains(pods, pod => pod.Metadata.Labels["app"] == "vc-manager");
        Assert.Contains(pods, pod => pod.Metadata.Labels["app"] == "vc-syncer");
        var agents = pods.Where(pod => pod.Metadata.Labels["app"] == "vn-agent").Select(pod => pod.Spec.NodeName).Order().ToList();
        Assert.Equal([$"{name}-worker", $"{name}-worker2"], agents);
    }
}
