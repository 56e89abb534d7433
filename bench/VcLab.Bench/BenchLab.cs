using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Bench;

/// <summary>The lab's parts (<see cref="LabParts"/>) for the benchmarks, quiet.</summary>
internal sealed class BenchLab(LabParts parts)
{
    public IImageEngine Images => parts.Images;

    public IContainerEngine Containers => parts.Containers;

    public LabImageBuilder ImageBuilder => parts.ImageBuilder;

    public SuperClusterProvisioner Provisioner => parts.Provisioner;

    public SuperClusterTeardown Teardown => parts.Teardown;

    public SuperClusterReattacher Reattacher => parts.Reattacher;

    /// <summary>
    /// Removes the build container once its start is over, whether or not it started (the cluster's create beside it may
    /// have failed first, before anyone awaited it).
    /// </summary>
    public async Task RemoveAsync(Task<BuildContainer> starting, CancellationToken cancellationToken)
    {
        await ((Task)starting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (starting.IsCompletedSuccessfully)
        {
            await Containers.RemoveAsync(starting.Result.ContainerId, cancellationToken);
        }
    }

    public static async Task<BenchLab> ConnectAsync(CancellationToken cancellationToken) =>
        new(await LabParts.ConnectAsync(NullLogger.Instance, cancellationToken));
}
