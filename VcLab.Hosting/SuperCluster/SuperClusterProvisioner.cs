using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// Creates a super cluster: checks the options and that the name is free, chooses the distribution (the one place
/// that does: <see cref="DebianClusterProvisioner"/> by default, <see cref="K3sClusterProvisioner"/> when chosen and
/// its image can be had), and traces the start with a span per phase.
/// </summary>
public sealed class SuperClusterProvisioner(IContainerEngine containers, IImageEngine images, LabImageBuilder imageBuilder, ILogger logger)
{
    /// <summary>Reports each phase (building images, starting nodes, ...) as it begins.</summary>
    public IProgress<string>? Phases { get; init; }

    /// <summary>The clock the start's waits read.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<SuperCluster> CreateAsync(SuperClusterOptions options, CancellationToken cancellationToken)
    {
        using var trace = new PhaseTrace("super-cluster", "vclab.cluster", options.Name);
        try
        {
            return await CreateAsync(options, trace, cancellationToken);
        }
        catch (Exception exception)
        {
            trace.Fail(exception);
            throw;
        }
    }

    private async Task<SuperCluster> CreateAsync(SuperClusterOptions options, PhaseTrace trace, CancellationToken cancellationToken)
    {
        options.ThrowIfInvalid();
        var started = Stopwatch.GetTimestamp();
        await ThrowIfTakenAsync(options.Name, cancellationToken);
        var reason = await DistributionChoice.ReasonAsync(options, images, logger, cancellationToken);
        HostingLog.ClusterDistribution(logger, options.Name, options.Distribution, reason);
        IClusterDistribution distribution = options.Distribution == ClusterDistribution.K3s
            ? new K3sClusterProvisioner(containers, imageBuilder, Time)
            : new DebianClusterProvisioner(containers, images, imageBuilder, Time);
        var cluster = await distribution.CreateAsync(options, new ClusterPhases(options.Name, trace, logger, Phases), cancellationToken);
        HostingLog.ClusterReady(logger, options.Name, Stopwatch.GetElapsedTime(started).TotalSeconds, cluster.Nodes.Count, cluster.ApiServer, cluster.KubeconfigPath);
        return cluster;
    }

    private async Task ThrowIfTakenAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await containers.ListByLabelAsync(SuperCluster.ClusterLabel, name, cancellationToken);
        if (existing.Count > 0)
        {
            throw new SuperClusterException(
                $"A super cluster named '{name}' already exists ({existing.Count} node containers). Delete it first, or choose another name.");
        }

        var network = await containers.FindNetworkLabelsAsync(name, cancellationToken);
        if (network is not null && (!network.TryGetValue(SuperCluster.ClusterLabel, out var owner) || owner != name))
        {
            throw new SuperClusterException(
                $"The Docker network '{name}' already exists and is not this super cluster's. Remove it ('docker network rm {name}'), or choose another cluster name.");
        }
    }
}
