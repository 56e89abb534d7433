using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

[Collection(SuperClusterCollection.Name)]
public sealed class SuperClusterLifecycleFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DockerFixture Docker => lab.Docker;

    [Fact]
    public async Task Delete_AfterCreate_LeavesNoContainerNetworkStateOrCgroup()
    {
        // Given a small cluster of its own
        var options = new SuperClusterOptions { Name = $"vcd-{Docker.RunId[..6]}", Workers = 1 };
        var provisioner = new SuperClusterProvisioner(Docker.Containers, Docker.Images, Docker.ImageBuilder, Docker.Log);
        var teardown = new SuperClusterTeardown(Docker.Containers, Docker.Log);
        var cluster = await provisioner.CreateAsync(options, Token);
        Assert.Equal(2, cluster.Nodes.Count);
        Assert.NotEmpty(CgroupsOf(options.Name));

        // When it is deleted
        await teardown.DeleteAsync(options.Name, options.StateDirectory, Token);

        // Then nothing of it is left but the image cache
        Assert.Empty(await Docker.Containers.ListByLabelAsync(VcLab.Hosting.SuperCluster.SuperCluster.ClusterLabel, options.Name, Token));
        Assert.Empty(await Docker.Containers.ListNetworksByLabelAsync(VcLab.Hosting.SuperCluster.SuperCluster.ClusterLabel, options.Name, Token));
        Assert.False(Directory.Exists(Path.Combine(options.StateDirectory, options.Name)));
        Assert.Empty(CgroupsOf(options.Name));
    }

    [Theory]
    [BadInput]
    [InlineData("Bad_Name", 2, "SuperCluster:Name is 'Bad_Name'")]
    [InlineData("ok", 0, "Workers is 0")]
    public async Task Create_InvalidSettings_NamesTheSetting(string name, int workers, string expected)
    {
        var provisioner = new SuperClusterProvisioner(Docker.Containers, Docker.Images, Docker.ImageBuilder, Docker.Log);

        var error = await Assert.ThrowsAsync<SuperClusterException>(
            () => provisioner.CreateAsync(new SuperClusterOptions { Name = name, Workers = workers }, Token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static List<string> CgroupsOf(string cluster) =>
        Directory.EnumerateDirectories("/sys/fs/cgroup")
            .Select(hierarchy => Path.Combine(hierarchy, "vclab"))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root, $"{cluster}-*"))
            .ToList();
}
