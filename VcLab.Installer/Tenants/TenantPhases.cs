using System.Diagnostics;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Tenants;

/// <summary>
/// Where a tenant's creation is: each phase the first time it is seen done (VirtualCluster admitted, its control-plane
/// namespace, etcd, apiserver and controller-manager ready, Running, kubeconfig written, DNS ready), a span per phase under
/// the tenant's span (from the phase before to this one) and a log line, and the list the bench prints.
/// </summary>
internal sealed class TenantPhases(TimeProvider time, Activity? span, Action<TenantPhase>? onPhase = null)
{
    private readonly DateTimeOffset _start = time.GetUtcNow();
    private readonly List<TenantPhase> _reached = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _last = time.GetUtcNow();

    public IReadOnlyList<TenantPhase> Reached
    {
        get
        {
            lock (_gate)
            {
                return [.. _reached];
            }
        }
    }

    /// <summary>Records the phase the first time (and says so); later calls for it do nothing.</summary>
    public bool Reach(string phase)
    {
        TenantPhase reached;
        DateTimeOffset from, now = time.GetUtcNow();
        lock (_gate)
        {
            if (_reached.Any(seen => seen.Name == phase))
            {
                return false;
            }

            reached = new TenantPhase(phase, now - _start);
            _reached.Add(reached);
            (from, _last) = (_last, now);
        }

        using (var child = InstallerTelemetry.Source.StartActivity(phase, ActivityKind.Internal, span?.Context ?? default, startTime: from))
        {
            child?.SetEndTime(now.UtcDateTime);
        }

        span?.AddEvent(new ActivityEvent(phase, now));
        onPhase?.Invoke(reached);
        return true;
    }
}
