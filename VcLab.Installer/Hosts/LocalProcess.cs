using System.Diagnostics;

namespace VcLab.Installer.Hosts;

/// <summary>
/// The one way VcLab runs a program on this machine: arguments as a list (no shell parsing), an environment of its own,
/// standard input fed or closed, every line of stdout and stderr to <c>onLine</c>, and the last
/// <see cref="TailLines"/> kept for the result. Cancelled, it is stopped with its whole process tree.
/// </summary>
public static class LocalProcess
{
    public const int TailLines = 200;

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs <paramref name="program"/>. With <paramref name="standardInputStopsIt"/>, standard input stays open while it
    /// runs and is closed to stop it (a container's <see cref="RemoteScript"/> watches it), with 15 s to go before it is
    /// killed; otherwise <paramref name="standardInput"/> (or nothing) is written and closed at once.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        string? standardInput = null,
        Action<string>? onLine = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool standardInputStopsIt = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new HostCommandException($"Could not start {program}.");
        var tail = new OutputTail(TailLines);
        void Receive(object _, DataReceivedEventArgs line)
        {
            if (line.Data is { } text)
            {
                onLine?.Invoke(text);
                tail.Add(text);
            }
        }

        process.OutputDataReceived += Receive;
        process.ErrorDataReceived += Receive;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!standardInputStopsIt)
        {
            await process.StandardInput.WriteAsync(standardInput ?? string.Empty);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (standardInputStopsIt)
            {
                // Its stdin closed, the container's watcher stops the script's process group; the client ends with it.
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(StopGrace);
                await process.WaitForExitAsync(grace.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }
        finally
        {
            if (standardInputStopsIt && !process.HasExited)
            {
                process.StandardInput.Close();
            }
        }

        return new CommandResult("localhost", program, process.ExitCode, string.Join('\n', tail.Lines));
    }

    /// <summary>Finds a program on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
