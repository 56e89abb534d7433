using Aspire.Hosting.ApplicationModel;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Follows the installer resource's log and state for the AppHost's console (<see cref="InstallerProgress"/>): its
/// long and failing stages while it runs, and how it ended.
/// </summary>
internal static class InstallerConsole
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Says the installer's progress with <paramref name="say"/> (the console) until the AppHost stops: its first run, and
    /// every run after it (the dashboard's Start on the ended installer runs it again; each is followed as the first).
    /// </summary>
    public static async Task FollowAsync(
        IResource installer, ResourceLoggerService logs, ResourceNotificationService notifications, Action<string> say, TimeProvider time, CancellationToken cancellationToken)
    {
        var progress = new InstallerProgress(time);
        void Say(string line) => say($"{installer.Name}: {line}");
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // One reader for the AppHost's life: the log's lines of every run, each once, in order.
        var reading = ReadAsync(installer, logs, progress, Say, following.Token);
        var ticking = TickAsync(progress, Say, time, following.Token);
        try
        {
            while (true)
            {
                var ended = await notifications.WaitForResourceAsync(installer.Name, resourceEvent => IsEnded(resourceEvent.Snapshot), cancellationToken);
                progress.Ended();
                if (cancellationToken.IsCancellationRequested)
                {
                    // The AppHost is stopping (Ctrl+C while the lab was starting): the installer ended with it, nothing failed.
                    break;
                }

                Say(Ending(ended.Snapshot));
                await notifications.WaitForResourceAsync(installer.Name, resourceEvent => !IsEnded(resourceEvent.Snapshot), cancellationToken);
            }
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

    private static bool IsEnded(CustomResourceSnapshot snapshot) => KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text);

    private static string Ending(CustomResourceSnapshot snapshot)
    {
        var took = snapshot is { StartTimeStamp: { } start, StopTimeStamp: { } stop } ? $" in {(stop - start).TotalSeconds:F0} s" : string.Empty;
        return snapshot.ExitCode switch
        {
            0 => $"finished{took}: VirtualCluster is installed",
            // The installer's exit codes: 1 a stage failed, 2 its settings are not valid.
            1 => $"failed{took} at the stage said above (its log in the dashboard has the detail; Start on the installer in the dashboard runs it again and finishes the job)",
            2 => $"did not start{took}: its settings are not valid (its log in the dashboard names them)",
            { } code => $"exited with code {code}{took}: its log in the dashboard says why",
            null => $"{snapshot.State?.Text}: its log in the dashboard says why",
        };
    }

    private static async Task ReadAsync(IResource installer, ResourceLoggerService logs, InstallerProgress progress, Action<string> say, CancellationToken cancellationToken)
    {
        await foreach (var batch in logs.WatchAsync(installer).WithCancellation(cancellationToken))
        {
            foreach (var line in batch)
            {
                foreach (var said in progress.Read(line.Content))
                {
                    say(said);
                }
            }
        }
    }

    private static async Task TickAsync(InstallerProgress progress, Action<string> say, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickPeriod, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var said in progress.Tick())
            {
                say(said);
            }
        }
    }

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
