using k8s;
using k8s.Models;
using VcLab.Installer;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;
using VcLab.Testing;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Testing;

/// <summary>Faults in the middle of an install of the real components: survived, or reported with nothing lost, and a re-run completes.</summary>
[Collection(LabCollection.Name)]
public sealed class InstallFaultFunctionalTests(VcLabFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [Fault]
    public async Task DeployManager_ApiServerRestartedInTheMiddle_IsSurvived_AndARerunChangesNothing()
    {
        // Given an installed lab, and the API server killed the moment deploy-manager starts (the node restarts it)
        var killed = false;
        var log = new TestLogger
        {
            OnMessage = message =>
            {
                if (message == $"Stage {StageNames.DeployManager} starting")
                {
                    var result = lab.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["pkill", "-x", "kube-apiserver"], CancellationToken.None).GetAwaiter().GetResult();
                    killed = result.Succeeded;
                }
            },
        };

        // When the installer runs
        var run = await InProcessInstaller.RunAsync(lab.InstallerSettings(), StageSelection.All, checkMode: false, log, Token);

        // Then deploy-manager waited for the API to come back (saying so) and the run is green, verified
        Assert.True(killed, "the API server was not killed");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains(log.Messages, message => message.StartsWith("The API did not answer (attempt", StringComparison.Ordinal));
        Assert.Equal(StageStatus.Ok, run[StageNames.Verify].Status);

        // And a re-run finds nothing to do
        var rerun = await lab.RunInstallerAsync(Token);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Equal(0, rerun.Count(StageStatus.Changed));
    }

    [Fact]
    [Fault]
    public async Task CreateTenant_WhileVcManagerIsDown_WaitsForItsWebhook_AndTheTenantRuns()
    {
        // Given vc-manager down (its webhook, which admits every VirtualCluster, answers nobody)
        await ScaleManagerAsync(0);
        try
        {
            // When a tenant is created, and vc-manager comes back 15 s later
            var creating = lab.CreateTenantAsync(Token);
            await Task.Delay(TimeSpan.FromSeconds(15), Token);
            Assert.False(creating.IsCompleted, creating.IsFaulted ? creating.Exception!.ToString() : "the tenant was created with vc-manager down");
            await ScaleManagerAsync(1);

            // Then the creation waited for the webhook, and the tenant runs
            await using var tenant = await creating;
            Assert.Contains("default", (await tenant.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.Select(item => item.Metadata.Name));
        }
        finally
        {
            await ScaleManagerAsync(1);
        }
    }

    [Fact]
    [Fault]
    public async Task CreateTenant_CancelledPartWay_DeletesTheVirtualClusterItMade_ItsNamespacesGo_AndNoKubeconfigIsLeft()
    {
        // Given a tenant being created
        var tenants = new VcLab.Hosting.Tenants.LabTenants(lab.Cluster, lab.Client, TimeProvider.System);
        var name = $"t-cancelled-{Guid.NewGuid().ToString("N")[..5]}";
        var virtualClusters = new VcLab.Installer.Tenants.VirtualClusters(lab.Client, TimeProvider.System);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var creating = tenants.CreateAsync(name, cancel.Token);

        // When it is cancelled once its VirtualCluster exists (part-way: the tenant is not Running yet)
        await Wait.UntilAsync($"VirtualCluster default/{name} exists", async token =>
            await virtualClusters.FindAsync("default", name, token) is null ? Wait.Probe.Waiting("not yet") : Wait.Probe.Ready("created"),
            TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200), TimeProvider.System, Token);
        Assert.False(creating.IsCompleted, "the tenant was Running before it could be cancelled");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => creating);

        // Then the VirtualCluster it made goes, and no kubeconfig was left for it
        await Wait.UntilAsync($"VirtualCluster default/{name} is gone", async token =>
            await virtualClusters.FindAsync("default", name, token) is null ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting("still there"),
            TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeProvider.System, Token);
        Assert.False(File.Exists(Path.Combine(tenants.KubeconfigDirectory, $"{name}.kubeconfig")));

        // And its namespaces on the super cluster (its control plane's pods, secrets, services) go after it
        await Wait.UntilAsync($"the namespaces of tenant {name} are gone", async token =>
        {
            var left = (await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: token)).Items
                .Where(item => (item.Metadata.Annotations?.TryGetValue(KubernetesTeardownApi.TenantAnnotation, out var tenant) == true && tenant == name)
                    || item.Metadata.Name.EndsWith($"-{name}", StringComparison.Ordinal))
                .Select(item => item.Metadata.Name)
                .ToList();
            return left.Count == 0 ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting($"left: {string.Join(", ", left)}");
        }, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1), TimeProvider.System, Token);

        // And deleting it afterwards finds nothing of it to delete (the fixture then logs it as gone already)
        Assert.False(await tenants.DeleteAsync(name, Token));
    }

    private Task<V1Scale> ScaleManagerAsync(int replicas) =>
        lab.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch(new { spec = new { replicas } }, V1Patch.PatchType.MergePatch), "vc-manager", "vc-manager", cancellationToken: CancellationToken.None);
}
