using Aspire.Hosting.ApplicationModel;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Follows the installer resource's log and state for the AppHost's console (<see cref="InstallerProgress"/>): its
/// long and failing stages while it runs, and how it ended.
/// </summary>
internal static class InstallerConsole
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(5);

    public static async Task FollowAsync(IResource installer, ResourceLoggerService logs, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        var progress = new InstallerProgress(TimeProvider.System);
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAsync(installer, logs, progress, following.Token);
        var ticking = TickAsync(installer, progress, following.Token);
        try
        {
            var ended = await notifications.WaitForResourceAsync(installer.Name, snapshot => KnownResourceStates.TerminalStates.Contains(snapshot.Snapshot.State?.Text), cancellationToken);
            var snapshot = ended.Snapshot;
            var took = snapshot is { StartTimeStamp: { } start, StopTimeStamp: { } stop } ? $" in {(stop - start).TotalSeconds:F0} s" : string.Empty;
            Say(installer, snapshot.ExitCode switch
            {
                0 => $"finished{took}: VirtualCluster is installed",
                // The installer's exit codes: 1 a stage failed, 2 its settings are not valid.
                1 => $"failed{took} at the stage said above (its log in the dashboard has the detail; Restart on the installer in the dashboard runs it again and finishes the job)",
                2 => $"did not start{took}: its settings are not valid (its log in the dashboard names them)",
                { } code => $"exited with code {code}{took}: its log in the dashboard says why",
                null => $"{snapshot.State?.Text}: its log in the dashboard says why",
            });
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
        finally
        {
            await following.CancelAsync();
            await Task.WhenAll(Quietly(reading), Quietly(ticking));
        }
    }

    private static async Task ReadAsync(IResource installer, ResourceLoggerService logs, InstallerProgress progress, CancellationToken cancellationToken)
    {
        await foreach (var batch in logs.WatchAsync(installer).WithCancellation(cancellationToken))
        {
            foreach (var line in batch)
            {
                foreach (var said in progress.Read(line.Content))
                {
                    Say(installer, said);
                }
            }
        }
    }

    private static async Task TickAsync(IResource installer, InstallerProgress progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var said in progress.Tick())
            {
                Say(installer, said);
            }
        }
    }

    private static void Say(IResource installer, string line) => LabConsole.Say($"{installer.Name}: {line}");

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
