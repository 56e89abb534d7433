using k8s;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Tests.Infrastructure;

/// <summary>One real super cluster (control plane + 2 workers) shared by a test collection, deleted at the end.</summary>
public sealed class SuperClusterFixture : IAsyncLifetime
{
    private readonly DockerFixture _docker = new();

    public DockerFixture Docker => _docker;

    public VcLab.Hosting.SuperCluster.SuperCluster Cluster { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    /// <summary>The lab's build container, serving the offline sample upstream.</summary>
    public VcLab.Hosting.BuildContainer.BuildContainer BuildContainer { get; private set; } = null!;

    public SuperClusterOptions Options { get; } = new() { Name = $"vct-{Guid.NewGuid().ToString("N")[..6]}" };

    public async ValueTask InitializeAsync()
    {
        await _docker.InitializeAsync();
        var provisioner = new SuperClusterProvisioner(_docker.Containers, _docker.Images, _docker.ImageBuilder, _docker.Log);
        try
        {
            Cluster = await provisioner.CreateAsync(Options, CancellationToken.None);
        }
        catch
        {
            await DeleteAsync();
            throw;
        }

        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Cluster.KubeconfigPath));
        BuildContainer = await new VcLab.Hosting.BuildContainer.BuildContainerLauncher(_docker.Containers, _docker.ImageBuilder)
            .StartAsync($"{Options.Name}-build", _docker.RunLabels, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await DeleteAsync();
        await _docker.DisposeAsync();
    }

    private Task DeleteAsync() =>
        new SuperClusterTeardown(_docker.Containers, _docker.Log).DeleteAsync(Options.Name, Options.StateDirectory, CancellationToken.None);
}
