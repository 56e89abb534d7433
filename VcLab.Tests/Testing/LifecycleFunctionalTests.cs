using k8s;
using k8s.Models;
using VcLab.Installer;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;
using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Uninstall;
using VcLab.Testing;

namespace VcLab.Tests.Testing;

/// <summary>
/// The role's whole lifecycle on the real lab, in Molecule's sequence: converge, idempotence, verify, destroy,
/// converge again. The lab is left installed, as the other tests of the collection expect it.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LifecycleFunctionalTests(VcLabFixture lab)
{
    private static readonly string[] ComponentImages =
        ["docker.io/virtualcluster/manager-amd64:latest", "docker.io/virtualcluster/syncer-amd64:latest", "docker.io/virtualcluster/vn-agent-amd64:latest"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Converge_Idempotence_Verify_Destroy_ConvergeAgain()
    {
        // Converge: the lab's install (the fixture's first run), green and verified, its images the last good bundle
        Assert.True(lab.Install!.Succeeded, lab.Install.ToString());
        var cache = lab.InstallTarget.Cluster.ImageCacheDir!;

        // Idempotence: a second run reports changed=0 for every stage
        var second = await lab.RunInstallerAsync(Token);
        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(0, second.Count(StageStatus.Changed));

        // Verify: the verify stage passed in it, and the images it verified are the last good bundle
        Assert.Equal(StageStatus.Ok, second[StageNames.Verify].Status);
        Assert.Contains("already are the last good bundle", second[StageNames.PromoteImages].Message, StringComparison.Ordinal);
        Assert.Equal(3, (await LastGoodBundle.ReadAsync(cache, ["manager", "syncer", "vn-agent"], Token)).Images.Count);

        // Destroy, first as --check: it lists what it would remove and removes nothing
        await using var tenant = await lab.CreateTenantAsync(Token);
        var check = await lab.UninstallAsync(checkMode: true, Token);
        Assert.True(check.Succeeded, check.ToString());
        Assert.Contains($"would delete VirtualCluster default/{tenant.Name}", check[UninstallStageNames.DeleteVirtualClusters].Message, StringComparison.Ordinal);
        Assert.Contains("would remove", check[UninstallStageNames.RemoveWorkerImages].Message, StringComparison.Ordinal);
        Assert.NotNull(await lab.Client.CoreV1.ReadNamespaceAsync("vc-manager", cancellationToken: Token));

        // Destroy: every step in the recap, changed
        var destroy = await lab.UninstallAsync(cancellationToken: Token);
        Assert.True(destroy.Succeeded, destroy.ToString());
        Assert.Equal(
            [UninstallStageNames.DeleteVirtualClusters, UninstallStageNames.DeleteTenantNamespaces, UninstallStageNames.DeleteClusterVersions,
             UninstallStageNames.DeleteNamespace, UninstallStageNames.DeleteClusterObjects, UninstallStageNames.DeleteCrds, UninstallStageNames.RemoveWorkerImages],
            destroy.Stages.Select(stage => stage.Stage));
        Assert.All(destroy.Stages.Where(stage => stage.Stage != UninstallStageNames.DeleteTenantNamespaces), stage => Assert.Equal(StageStatus.Changed, stage.Status));

        // ...and leaves no CRD, namespace, ClusterVersion, tenant namespace or component image on any worker
        var crds = (await lab.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: Token)).Items;
        Assert.DoesNotContain(crds, crd => crd.Spec.Group == "tenancy.x-k8s.io");
        var namespaces = (await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items;
        Assert.DoesNotContain(namespaces, ns => ns.Metadata.Name == "vc-manager");
        Assert.DoesNotContain(namespaces, ns => ns.Metadata.Annotations?.ContainsKey(KubernetesTeardownApi.TenantAnnotation) == true);
        foreach (var worker in lab.Cluster.Workers)
        {
            var images = await ExecAsync(worker.ContainerId, "ctr -n k8s.io images ls -q");
            Assert.All(ComponentImages, image => Assert.DoesNotContain(image, images));
        }

        // A second uninstall finds nothing left to do
        var again = await lab.UninstallAsync(cancellationToken: Token);
        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(0, again.Count(StageStatus.Changed));

        // Converge again: green, the images distributed anew, VirtualCluster verified
        var converge = await lab.RunInstallerAsync(Token);
        Assert.True(converge.Succeeded, converge.ToString());
        Assert.Equal(StageStatus.Changed, converge[StageNames.DistributeToWorkers].Status);
        Assert.Equal(StageStatus.Ok, converge[StageNames.Verify].Status);
    }

    [Fact]
    [Fault]
    public async Task Uninstall_DeletesOnlyWhatTheInstallMade_AForeignTenantStopsIt_AnInstallIntoSomeoneElsesNamespaceLeavesItAsItWas()
    {
        // Given the lab installed, and a VirtualCluster someone made by hand (without the installer's mark)
        var handMade = $"t-hand-made-{Guid.NewGuid().ToString("N")[..5]}";
        await HandMadeVirtualCluster.CreateAsync(lab.Client, handMade, Token);
        var teamTools = $"t-team-tools-{Guid.NewGuid().ToString("N")[..5]}";
        try
        {
            // When the uninstall runs
            var refused = await lab.UninstallAsync(cancellationToken: Token);

            // Then it stops at its first step naming that VirtualCluster, and nothing was deleted: vc-manager still runs
            Assert.Equal(StageStatus.Failed, refused[UninstallStageNames.DeleteVirtualClusters].Status);
            Assert.Contains($"VirtualCluster default/{handMade} was not created by this installer", refused[UninstallStageNames.DeleteVirtualClusters].Message, StringComparison.Ordinal);
            Assert.Equal(1, (await lab.Client.AppsV1.ReadNamespacedDeploymentAsync("vc-manager", "vc-manager", cancellationToken: Token)).Status.AvailableReplicas);
            Assert.NotNull(await new VirtualClusters(lab.Client, TimeProvider.System).FindAsync("default", handMade, Token));

            // And once its owner has deleted it, the uninstall goes through
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", handMade, TimeSpan.FromMinutes(2), Token);
            var uninstalled = await lab.UninstallAsync(cancellationToken: Token);
            Assert.True(uninstalled.Succeeded, uninstalled.ToString());

            // Given a namespace of a team's own, with their workload and settings in it
            await lab.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = teamTools } }, cancellationToken: Token);
            await lab.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["keep"] = "me" } }, teamTools, cancellationToken: Token);
            var tool = Workloads.Deployment("tool", "k8s.gcr.io/pause:3.2", 1);
            tool.Spec.Template.Spec.Containers[0].ImagePullPolicy = "Never";
            tool.Spec.Template.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
            await lab.Client.AppsV1.CreateNamespacedDeploymentAsync(tool, teamTools, cancellationToken: Token);
            await Workloads.WaitForRunningPodsAsync(lab.Client, teamTools, 1, Token);
            var before = await ClusterObjects.SnapshotAsync(lab, Token);

            // When VirtualCluster is installed into it and uninstalled again
            var settings = new Dictionary<string, string?>(lab.InstallerSettings()) { ["VirtualCluster:Namespace"] = teamTools };
            var install = await InProcessInstaller.RunAsync(settings, StageSelection.All, checkMode: false, log: null, Token);
            Assert.True(install.Succeeded, install.ToString());
            Assert.Contains($"namespace {teamTools} exists and was made by someone else", install[StageNames.Namespace].Message, StringComparison.Ordinal);
            var managed = await lab.Client.AppsV1.ReadNamespacedDeploymentAsync("vc-manager", teamTools, cancellationToken: Token);
            Assert.Equal("vclab-installer", managed.Metadata.Labels["app.kubernetes.io/managed-by"]);
            var uninstall = await InProcessInstaller.UninstallAsync(settings, checkMode: false, log: null, Token);
            Assert.True(uninstall.Succeeded, uninstall.ToString());

            // Then the cluster holds exactly what it held before: the team's namespace with their workload and settings, and
            // nothing of VirtualCluster's (ClusterRoles, bindings, webhook configuration, CRDs, leases, Services)
            var difference = await Wait.UntilAsync("the cluster's objects are what they were before the install", async token =>
            {
                var seen = ClusterObjects.Difference(before, await ClusterObjects.SnapshotAsync(lab, token));
                return seen.Length == 0 ? Wait.Probe.Ready(seen) : Wait.Probe.Waiting(seen);
            }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), TimeProvider.System, Token);
            Assert.Empty(difference);
            Assert.Contains($"ConfigMap {teamTools}/settings", before);
            Assert.Contains($"Deployment {teamTools}/tool", before);
            Assert.DoesNotContain(before, line => line.Contains("vc-manager", StringComparison.Ordinal) || line.Contains("virtualcluster", StringComparison.Ordinal) || line.Contains("vc-syncer", StringComparison.Ordinal));
        }
        finally
        {
            // The lab is left installed, as the collection's other tests expect it
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", handMade, TimeSpan.FromMinutes(2), CancellationToken.None);
            await lab.Client.CoreV1.DeleteNamespaceAsync(teamTools, cancellationToken: CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            var restored = await lab.RunInstallerAsync(CancellationToken.None);
            Assert.True(restored.Succeeded, restored.ToString());
        }
    }

    [Fact]
    [Fault]
    public async Task Install_TwoAtOnceAfterAnUninstall_SharingTheControllersCache_BothGreenThroughVerify_EachImageImportedOnce()
    {
        // Given the lab uninstalled (no component image on any worker, no tar on the control plane)
        var uninstall = await lab.UninstallAsync(cancellationToken: Token);
        Assert.True(uninstall.Succeeded, uninstall.ToString());

        // When two installs with the same settings (one controller's cache, one build host, one cluster) start at once
        var runs = await Task.WhenAll(lab.RunInstallerAsync(Token), lab.RunInstallerAsync(Token));

        // Then both are green through deploy-manager and verify, and each worker imported each image once in all
        Assert.All(runs, run => Assert.True(run.Succeeded, run.ToString()));
        Assert.All(runs, run => Assert.Equal(StageStatus.Ok, run[StageNames.Verify].Status));
        var imports = runs.Sum(run => System.Text.RegularExpressions.Regex.Match(run[StageNames.DistributeToWorkers].Message, "([0-9]+)( of [0-9]+)? images imported") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0);
        Assert.Equal(3 * lab.Cluster.Workers.Count(), imports);
        Assert.True(runs.Count(run => run[StageNames.BuildBinaries].Status == StageStatus.Changed) <= 1, "the binaries were built twice");
    }

    private async Task<string[]> ExecAsync(string container, string command)
    {
        var result = await lab.Containers.ExecAsync(container, ["sh", "-c", command], Token);
        Assert.True(result.Succeeded, $"{command}: {result.StandardError}");
        return result.StandardOutput.TrimEnd('\n').Split('\n');
    }
}
