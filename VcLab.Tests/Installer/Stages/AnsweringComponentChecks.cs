using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// The components' own checks in memory: each passes saying so, except the one named <paramref name="failing"/>, which
/// times out as the real one does. The workers vn-agent was asked about are kept; the lab's functional tests run the
/// real checks.
/// </summary>
internal sealed class AnsweringComponentChecks(string? failing = null) : IComponentChecks
{
    public IReadOnlyList<string> AgentWorkersAsked { get; private set; } = [];

    public Task<string> WebhookAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken) => Answer("webhook", "vc-manager's webhook is served", timeout);

    public Task<string> LeadersAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken) => Answer("leaders", "vc-manager and vc-syncer have elected their leaders", timeout);

    public Task<string> VnAgentsAsync(IReadOnlyList<string> workers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        AgentWorkersAsked = workers;
        return Answer("vn-agents", $"vn-agent answers on {string.Join(", ", workers)}", timeout);
    }

    private Task<string> Answer(string check, string what, TimeSpan timeout) => check == failing
        ? Task.FromException<string>(new TimeoutException($"{what}: not so after {timeout.TotalSeconds:0} s. Last seen: silent"))
        : Task.FromResult(what);
}
