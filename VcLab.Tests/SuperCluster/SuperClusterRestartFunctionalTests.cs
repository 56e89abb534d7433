using VcLab.Hosting;
using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>
/// A lab whose node containers were restarted under it, or whose Docker engine restarted: its next start does not
/// re-attach to a cluster that runs nothing any more; it says why and creates the cluster anew. Engine restarts stop
/// every lab on the machine, so these run alone, after the others.
/// </summary>
[Collection(EngineRestartCollection.Name)]
public sealed class SuperClusterRestartFunctionalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [Fault]
    public async Task PersistentLab_AfterTheEngineRestarts_IsNotReattached_SayingWhy_AndIsCreatedAnewAndReady()
    {
        // Given a persistent lab (one worker) left running by its last start
        await DockerEngine.StartAsync(Token);
        var log = new TestLogger();
        var options = new SuperClusterOptions { Name = $"vcrst-{Guid.NewGuid().ToString("N")[..6]}", Workers = 1, Persistent = true };
        using (var parts = await LabParts.ConnectAsync(log, Token))
        {
            await parts.Provisioner.CreateAsync(options, Token);
        }

        try
        {
            // When the Docker engine restarts (as after a reboot), and the lab starts again
            await DockerEngine.StopAsync(Token);
            await DockerEngine.StartAsync(Token);
            using var parts = await LabParts.ConnectAsync(log, Token);
            log.Clear();
            var attached = await parts.Reattacher.AttachAsync(options, Token);

            // Then it is not re-attached, and the log says why
            Assert.Null(attached);
            Assert.Contains(log.Messages, message => message.Contains($"Super cluster {options.Name} cannot be re-attached (node container {options.Name}-control-plane is not running)", StringComparison.Ordinal));

            // And the start creates it anew, every node Ready (as SuperClusterLifecycle does: delete what is left, create)
            await parts.Teardown.DeleteAsync(options.Name, options.StateDirectory, Token);
            var cluster = await parts.Provisioner.CreateAsync(options, Token);
            Assert.Equal(2, cluster.Nodes.Count);
        }
        finally
        {
            using var parts = await LabParts.ConnectAsync(log, CancellationToken.None);
            await parts.Teardown.DeleteAsync(options.Name, options.StateDirectory, CancellationToken.None);
        }
    }

    [Fact]
    [Fault]
    public async Task RunningLab_NodeContainersRestarted_AreNotReattached_AndWhatNoLongerRunsIsNamed()
    {
        // Given a running lab (one worker)
        await DockerEngine.StartAsync(Token);
        var log = new TestLogger();
        var options = new SuperClusterOptions { Name = $"vcrst-{Guid.NewGuid().ToString("N")[..6]}", Workers = 1, Persistent = true };
        using var parts = await LabParts.ConnectAsync(log, Token);
        try
        {
            var cluster = await parts.Provisioner.CreateAsync(options, Token);

            // When its worker's container is restarted (docker restart), and the lab starts again at once
            var (exitCode, output) = await DockerEngine.RunAsync("docker", ["restart", cluster.Workers.Single().ContainerId], Token);
            Assert.True(exitCode == 0, output);
            log.Clear();
            var attached = await parts.Reattacher.AttachAsync(options, Token);

            // Then it is not re-attached (the API may still call the node Ready), and the log names the node and its kubelet
            Assert.Null(attached);
            Assert.Contains(log.Messages, message => message.Contains($"kubelet not running on {options.Name}-worker (its container was restarted?)", StringComparison.Ordinal));

            // And when the control plane's container is restarted under the running lab, its API stops answering, and what the
            // super cluster's health check says names it (the dashboard shows that as the resource's state)
            (exitCode, output) = await DockerEngine.RunAsync("docker", ["restart", cluster.ControlPlane.ContainerId], Token);
            Assert.True(exitCode == 0, output);
            using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
            Assert.False(await ClusterReadiness.ApiReadyAsync(client, Token));
            Assert.Equal(
                $"kube-apiserver kubelet not running on {options.Name}-control-plane (its container was restarted?)",
                await NodeServicesCheck.ProblemAsync(parts.Containers, cluster.Nodes, Token));
        }
        finally
        {
            await parts.Teardown.DeleteAsync(options.Name, options.StateDirectory, CancellationToken.None);
        }
    }
}
