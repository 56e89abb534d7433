using k8s;
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
        var cache = lab.InstallerSettings()["VirtualCluster:Images:LocalCacheDir"]!;

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
             UninstallStageNames.DeleteNamespace, UninstallStageNames.DeleteCrds, UninstallStageNames.RemoveWorkerImages],
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

    private async Task<string[]> ExecAsync(string container, string command)
    {
        var result = await lab.Containers.ExecAsync(container, ["sh", "-c", command], Token);
        Assert.True(result.Succeeded, $"{command}: {result.StandardError}");
        return result.StandardOutput.TrimEnd('\n').Split('\n');
    }
}
