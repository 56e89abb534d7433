using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VcLab.Hosting.Aspire;
using VcLab.Installer.Waiting;

namespace VcLab.Tests.AppHost;

/// <summary>
/// The console's follower on Aspire's own log and notification services (as the AppHost has them), the installer's runs
/// played as the AppHost sees them: states published, its output's lines logged.
/// </summary>
public sealed partial class InstallerConsoleTests
{
    private const string Running = "running its stages (each is in the dashboard; one that takes over 20 s is shown here too)";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowAsync_TheInstallerRunAgainFromTheDashboard_IsFollowedAsTheFirstRun()
    {
        // Given the follower on an installer resource, with Aspire's services
        var installer = new InstallerStandIn();
        var logs = new ResourceLoggerService();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var services = new ServiceCollection().BuildServiceProvider();
        using var notifications = new ResourceNotificationService(NullLogger<ResourceNotificationService>.Instance, lifetime, services, logs);
        var said = new ConcurrentQueue<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var following = Task.Run(() => InstallerConsole.FollowAsync(installer, logs, notifications, said.Enqueue, new FakeTimeProvider(), stop.Token), Token);
        var log = logs.GetLogger(installer);

        // When it runs and finishes, then is started again and fails at a stage
        await RunAsync(notifications, installer, log, exitCode: 0, "Stage crd starting", "Stage crd Changed in 1.0 s: 2 CRDs registered");
        await SaidAsync(said, 2);
        await RunAsync(notifications, installer, log, exitCode: 1, "Stage crd starting", "Stage crd Ok in 0.5 s: 2 CRDs unchanged", "Stage verify starting", "Stage verify failed: vc-syncer has no ready pod");
        await SaidAsync(said, 5);
        await stop.CancelAsync();
        await following;

        // Then the second run is said as the first was: that it runs, its failure and how it ended
        Assert.Equal(
            [
                $"installer: {Running}",
                "installer: finished: VirtualCluster is installed",
                $"installer: {Running}",
                "installer: verify failed: vc-syncer has no ready pod",
                "installer: failed at the stage said above (its log in the dashboard has the detail; Start on the installer in the dashboard runs it again and finishes the job)",
            ],
            said);
    }

    private static async Task RunAsync(ResourceNotificationService notifications, IResource installer, ILogger log, int exitCode, params string[] lines)
    {
        await notifications.PublishUpdateAsync(installer, snapshot => snapshot with { State = KnownResourceStates.Starting, ExitCode = null });
        await notifications.PublishUpdateAsync(installer, snapshot => snapshot with { State = KnownResourceStates.Running });
        foreach (var line in lines)
        {
            Output(log, line);
        }

        // The process's exit is seen after its last line, as with a real process (its output is read to the end first).
        await Task.Delay(TimeSpan.FromMilliseconds(200), Token);
        await notifications.PublishUpdateAsync(installer, snapshot => snapshot with { State = KnownResourceStates.Finished, ExitCode = exitCode });
    }

    private static Task<string> SaidAsync(ConcurrentQueue<string> said, int count) =>
        Wait.UntilAsync($"the console has said {count} lines", _ => Task.FromResult(
            said.Count >= count ? Wait.Probe.Ready("said") : Wait.Probe.Waiting(string.Join(" | ", said))),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TimeProvider.System, Token);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void Output(ILogger logger, string line);

    private sealed class InstallerStandIn() : Resource("installer");
}
