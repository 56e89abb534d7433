using VcLab.Hosting.SuperCluster;
using VcLab.Testing;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// The library's lab fixture without VirtualCluster installed: one real super cluster (control plane + 2 workers)
/// and a build container, shared by the installer, pipeline and cluster tests, which install what they test.
/// </summary>
public sealed class SuperClusterFixture() : VcLabFixture(new VcLabFixtureOptions
{
    SuperCluster = new SuperClusterOptions { Name = $"vct-{Guid.NewGuid().ToString("N")[..6]}" },
    InstallVirtualCluster = false,
})
{
    /// <summary>The Docker engine for tests that make clusters and containers of their own.</summary>
    public DockerFixture Docker { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await Docker.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Docker.DisposeAsync();
    }
}
