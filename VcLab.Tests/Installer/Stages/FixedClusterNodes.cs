using VcLab.Installer.Kubernetes;

namespace VcLab.Tests.Installer.Stages;

/// <summary>A super cluster whose workers are the given names: for a stage's decisions per worker without an API server.</summary>
internal sealed class FixedClusterNodes(params string[] workers) : IClusterNodes
{
    public Task<IReadOnlyList<string>> WorkerNamesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(workers);
}
