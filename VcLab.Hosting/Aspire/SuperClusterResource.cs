using Aspire.Hosting.ApplicationModel;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting.Aspire;

/// <summary>The lab's super cluster as an Aspire resource: states while it builds and starts, healthy when every node is Ready.</summary>
public sealed class SuperClusterResource(string name, SuperClusterOptions options) : Resource(name)
{
    private readonly List<Func<SuperClusterOptions, CancellationToken, Task>> _settings = [];

    public SuperClusterOptions Options { get; } = options;

    /// <summary>
    /// Whether the AppHost deletes the cluster when it stops: set once this session has resolved the lab's lifetime to
    /// <c>session</c> and starts creating the cluster. A lab whose lifetime is not known yet (Ctrl+C before it started) is
    /// not deleted: it may be a persistent lab's.
    /// </summary>
    internal bool DeleteOnStop { get; set; }

    /// <summary>The running cluster, once it is up.</summary>
    public SuperCluster.SuperCluster? Cluster { get; internal set; }

    /// <summary>Settings whose values are known only when the cluster starts (Aspire parameters).</summary>
    internal void AddSetting(Func<SuperClusterOptions, CancellationToken, Task> apply) => _settings.Add(apply);

    /// <summary>The options with every parameter's current value applied.</summary>
    internal async Task<SuperClusterOptions> ResolveOptionsAsync(CancellationToken cancellationToken)
    {
        foreach (var apply in _settings)
        {
            await apply(Options, cancellationToken);
        }

        return Options;
    }
}
