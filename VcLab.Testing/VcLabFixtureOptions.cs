using VcLab.Hosting;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Testing;

/// <summary>What the <see cref="VcLabFixture"/> brings up.</summary>
public sealed class VcLabFixtureOptions
{
    /// <summary>The super cluster's settings. The name defaults to <c>vclab-test-XXXXXX</c>, so that suites running at once do not meet.</summary>
    public SuperClusterOptions SuperCluster { get; init; } = new() { Name = $"vclab-test-{Guid.NewGuid().ToString("N")[..6]}" };

    /// <summary>
    /// Run the installer (every stage of the role, building from the offline sample upstream in a build container)
    /// before the first test. False gives a bare super cluster.
    /// </summary>
    public bool InstallVirtualCluster { get; init; } = true;

    /// <summary>More installer settings, as configuration keys (for example <c>VirtualCluster:Namespace</c>).</summary>
    public IDictionary<string, string?> InstallerSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Keep the cluster after the run (for looking at it by hand); it is then deleted by the next run of the same name.</summary>
    public bool KeepCluster { get; init; }

    /// <summary>The offline upstream folder to build from (default: <c>VCLAB_UPSTREAM_DIR</c>; null: the upstream URLs).</summary>
    public string? UpstreamDir { get; init; } = LabUpstream.FromEnvironment();
}
