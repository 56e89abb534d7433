using Microsoft.Extensions.Logging;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// How a distribution reports the phases of a cluster's start, written once for all of them: a span per phase under
/// the start's trace, a log line, and the caller's progress (the AppHost shows it as the resource's state).
/// </summary>
internal sealed class ClusterPhases(string cluster, PhaseTrace trace, ILogger logger, IProgress<string>? progress)
{
    public void Begin(string span, string phase)
    {
        trace.Begin(span);
        HostingLog.ClusterPhase(logger, cluster, phase);
        progress?.Report(phase);
    }
}
