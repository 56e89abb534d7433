namespace VcLab.Installer.Stages;

/// <summary>
/// What verify asks of the running components beyond their pods running; each waits up to its timeout and returns
/// what it saw, or throws <see cref="TimeoutException"/> naming what it waited for and the last state seen.
/// </summary>
internal interface IComponentChecks
{
    /// <summary>vc-manager serves its webhook: its Service has a ready endpoint, its configuration is registered.</summary>
    Task<string> WebhookAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>vc-manager and the syncer hold their leader leases (their controllers started).</summary>
    Task<string> LeadersAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>vn-agent answers on its port on every one of the workers, asked from the control plane.</summary>
    Task<string> VnAgentsAsync(IReadOnlyList<string> workers, TimeSpan timeout, CancellationToken cancellationToken);
}
