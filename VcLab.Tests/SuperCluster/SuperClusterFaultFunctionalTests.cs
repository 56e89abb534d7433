using VcLab.Hosting;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

[Collection(SuperClusterCollection.Name)]
public sealed class SuperClusterFaultFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DockerFixture Docker => lab.Docker;

    [Fact]
    [Fault]
    public async Task WaitForNodes_ANodeNeverReady_NamesItAloneAndQuotesItsKubeletLog()
    {
        // Given the lab's Ready nodes and one more that never registers (a kubelet that could not start). Nodes here are
        // Ready within seconds of their kubelet's start, so the provisioner's own wait cannot be made to miss them reliably.
        var missing = $"{lab.Cluster.Name}-worker9";
        string[] expected = [.. lab.Cluster.Nodes.Select(node => node.Name), missing];
        var asked = new List<string>();

        // When the provisioner's wait runs against the real API with a short deadline
        var error = await Assert.ThrowsAsync<SuperClusterException>(() => ClusterReadiness.WaitForNodesAsync(
            lab.Client, expected, TimeSpan.FromSeconds(2),
            (node, _) =>
            {
                asked.Add(node);
                return Task.FromResult($"kubelet log of {node}");
            },
            TimeProvider.System,
            Token));

        // Then the error names that node alone and quotes its kubelet's log, which was looked up for it only
        Assert.StartsWith($"Node(s) {missing} not Ready within 2 s.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Last lines of {missing}'s kubelet log:{Environment.NewLine}kubelet log of {missing}", error.Message, StringComparison.Ordinal);
        Assert.Equal([missing], asked);
    }

    [Fact]
    [Fault]
    public async Task Create_NetworkOfThatNameNotOurs_NamesTheNetwork()
    {
        // Given a network someone else made, with the cluster's name
        var name = $"vcn-{Docker.RunId[..6]}";
        await Docker.Containers.EnsureNetworkAsync(name, Docker.RunLabels, Token);
        var provisioner = new SuperClusterProvisioner(Docker.Containers, Docker.Images, Docker.ImageBuilder, Docker.Log);

        // When / Then
        var error = await Assert.ThrowsAsync<SuperClusterException>(() => provisioner.CreateAsync(new SuperClusterOptions { Name = name }, Token));
        Assert.Contains($"network '{name}' already exists", error.Message, StringComparison.Ordinal);
        await Docker.Containers.RemoveNetworkAsync(name, Token);
    }

    [Fact]
    [Fault]
    public async Task Create_K3sChosenButItsImageCannotBeHad_SaysSoAndHowToUseTheOfflineCluster()
    {
        // Given k3s chosen, with an image no engine has and no registry gives
        var options = new SuperClusterOptions { Name = $"vck-{Docker.RunId[..6]}", Distribution = ClusterDistribution.K3s, K3sImage = "rancher/k3s:v0.0.0-vclab-missing" };
        var provisioner = new SuperClusterProvisioner(Docker.Containers, Docker.Images, Docker.ImageBuilder, Docker.Log);

        // When / Then: the error names the image and the way to the offline cluster, and nothing was started
        var error = await Assert.ThrowsAsync<SuperClusterException>(() => provisioner.CreateAsync(options, Token));
        Assert.Contains("SuperCluster:Distribution is k3s, but the image rancher/k3s:v0.0.0-vclab-missing cannot be had", error.Message, StringComparison.Ordinal);
        Assert.Contains("--Parameters:super-cluster-distribution=debian", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Docker.Containers.ListByLabelAsync(VcLab.Hosting.SuperCluster.SuperCluster.ClusterLabel, options.Name, Token));
        Assert.Null(await Docker.Containers.FindNetworkLabelsAsync(options.Name, Token));
    }

    [Fact]
    [Fault]
    public async Task BinaryBuild_Fails_ErrorHasTheLogTailAndNothingIsCached()
    {
        // Given a source version Debian's archive does not have
        var image = KubernetesImages.Binaries("0.0.1-vclab-missing");

        // When / Then: the error carries the build's last lines, and no image is tagged for those inputs
        var error = await Assert.ThrowsAsync<ImageBuildException>(() => Docker.ImageBuilder.EnsureAsync(image, Token));
        Assert.StartsWith("vclab/kubernetes:", error.Tag, StringComparison.Ordinal);
        Assert.Contains("0.0.1-vclab-missing", error.Message, StringComparison.Ordinal);
        Assert.Null(await Docker.Images.FindImageIdAsync(error.Tag, Token));
    }

    [Fact]
    [Fault]
    public async Task ClusterImages_CoreDnsSourcesMissing_IsTheErrorSaid_NotTheKubernetesBuildsBesideIt()
    {
        // Given an offline upstream folder without CoreDNS's sources, and Kubernetes binaries of a version Debian's archive
        // does not have (their build, started first and beside CoreDNS's, fails too, seconds later)
        var upstream = TestFolders.Create("vclab-upstream-");

        // When the super cluster's images are ensured
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ClusterImages.EnsureAsync(Docker.ImageBuilder, "0.0.2-vclab-missing", upstream, Token));

        // Then what is said is the first failure, CoreDNS's missing sources with the folder and what to do, and the
        // Kubernetes build beside it was stopped rather than reported
        Assert.Contains($"{Path.Combine(upstream, "coredns")}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Copy the folder again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Fault]
    public async Task CoreDnsBuild_OnlineWithoutNetwork_SaysToNameTheOfflineFolder()
    {
        // Given a machine that reaches no GitHub (these machines; elsewhere the online build would work) and no offline folder named
        try
        {
            await System.Net.Dns.GetHostAddressesAsync("github.com", Token);
            Assert.Skip("github.com resolves here: the online build would not fail.");
        }
        catch (System.Net.Sockets.SocketException)
        {
        }

        // When CoreDNS's image is built from its upstream tag
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CoreDnsImages.EnsureAsync(Docker.ImageBuilder, upstreamDir: null, Token));

        // Then the error says what to set, quotes git's own words, and keeps the build's output
        Assert.Contains($"set {LabUpstream.EnvironmentVariable} to the folder with the upstream sources", error.Message, StringComparison.Ordinal);
        Assert.Contains("Could not resolve host: github.com", error.Message, StringComparison.Ordinal);
        Assert.IsType<ImageBuildException>(error.InnerException);
    }
}
