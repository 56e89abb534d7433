using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// The installer's Kubernetes stages on the real super cluster, with stand-in component images side-loaded by ctr:
/// what verify says when a pod cannot start, and check mode. The real components are installed and verified by the
/// lab's own tests (VcLabFixtureFunctionalTests).
/// </summary>
[Collection(SuperClusterCollection.Name)]
public sealed class InstallerFunctionalTests(SuperClusterFixture lab)
{
    private static readonly string[] Components = ["manager", "syncer", "vn-agent"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [Fault]
    public async Task Verify_ImageMissingOnOneWorker_FailsNamingThePodNodeAndReason()
    {
        // Given component images on every node but one worker, which lacks vn-agent's
        var ns = $"vc-broken-{Guid.NewGuid().ToString("N")[..5]}";
        var lacking = lab.Cluster.Workers.Last();
        var images = await SideLoadComponentsAsync(ns, lab.Cluster.Nodes, skipVnAgentOn: lacking.Name);

        // When the installer runs
        var run = await RunAsync(ns, images);

        // Then verify fails and names the pod, its node and the reason
        var verify = run.Recap[StageNames.Verify];
        Assert.Equal(StageStatus.Failed, verify.Status);
        Assert.Contains($"on node {lacking.Name}", verify.Message, StringComparison.Ordinal);
        Assert.Matches($"pod {ns}/vn-agent-[a-z0-9]+ on node", verify.Message);
        Assert.Matches("ErrImagePull|ImagePullBackOff", verify.Message);
    }

    [Fact]
    public async Task CheckMode_ReportsWhatWouldChange_AndChangesNothing()
    {
        var ns = $"vc-check-{Guid.NewGuid().ToString("N")[..5]}";

        var run = await RunAsync(ns, DefaultImages(ns), checkMode: true);

        Assert.True(run.Recap.Succeeded, run.Recap.ToString());
        Assert.Equal(StageStatus.Changed, run.Recap[StageNames.Namespace].Status);
        Assert.Contains("check mode", run.Recap[StageNames.DeployManager].Message, StringComparison.Ordinal);
        Assert.Equal(StageStatus.Skipped, run.Recap[StageNames.Verify].Status);
        var namespaces = await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token);
        Assert.DoesNotContain(namespaces.Items, item => item.Metadata.Name == ns);
    }

    private async Task<Dictionary<string, string>> SideLoadComponentsAsync(string ns, IEnumerable<VcLab.Hosting.SuperCluster.ClusterNode> nodes, string? skipVnAgentOn = null)
    {
        var images = DefaultImages(ns);
        foreach (var component in Components)
        {
            var tag = await TestImages.StandInAsync(lab.Docker, component, images[component], Token);
            await SideLoader.LoadAsync(lab.Docker, tag, nodes.Where(node => component != "vn-agent" || node.Name != skipVnAgentOn), Token);
        }

        return images;
    }

    /// <summary>Per-test image names, so that one test's images never satisfy another's.</summary>
    private static Dictionary<string, string> DefaultImages(string ns) =>
        Components.ToDictionary(component => component, component => $"virtualcluster/{component}-amd64:{ns}");

    private async Task<(InstallRecap Recap, string ConfigDir)> RunAsync(string ns, Dictionary<string, string> images, bool checkMode = false)
    {
        var configDir = TestFolders.Create("vclab-config-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VirtualCluster:Enabled"] = "true",
            ["VirtualCluster:Namespace"] = ns,
            ["VirtualCluster:ConfigDir"] = configDir,
            ["VirtualCluster:SuperclusterKubeconfigPath"] = lab.Cluster.KubeconfigPath,
            ["VirtualCluster:VerifyTimeoutSeconds"] = "120",
            ["VirtualCluster:Build:FromSource"] = "false",
            ["VirtualCluster:Images:Manager"] = images["manager"],
            ["VirtualCluster:Images:Syncer"] = images["syncer"],
            ["VirtualCluster:Images:VnAgent"] = images["vn-agent"],
            ["VirtualCluster:Ssh:ControlPlaneHost"] = lab.Cluster.ControlPlane.Address,
            ["VirtualCluster:Ssh:PrivateKeyPath"] = lab.Cluster.SshPrivateKeyPath,
            ["VirtualCluster:Ssh:User"] = lab.Cluster.SshUser,
            ["VirtualCluster:Images:LocalCacheDir"] = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-cache-"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddVirtualClusterInstaller(configuration).BuildServiceProvider();
        var recap = await services.GetRequiredService<VirtualClusterInstaller>().RunAsync(StageSelection.Parse(null, InstallerRunner.ImageStages), checkMode, Token);
        TestContext.Current.TestOutputHelper?.WriteLine(recap.ToString());
        return (recap, configDir);
    }
}
