using System.Diagnostics;
using System.Globalization;
using VcLab.Installer.Hosts;

namespace VcLab.Bench;

/// <summary>
/// What a developer waits for: <c>./eng/run-lab.sh</c> started as from a terminal (a process group of its own), timed
/// from its start to the lines the lab says on the console, until <c>tenant-1 is Running</c>; then Ctrl+C (SIGINT to
/// the group) and the wait until the lab has gone. The first start warms what a change left cold (the AppHost's build,
/// the images) and is printed apart; the warm figure is the median of the starts after it.
/// </summary>
internal static class LabStartBench
{
    private const string Running = "tenant-1 is Running";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The console lines that end each part of a start, in order, and the part's name.</summary>
    private static readonly (string Line, string Part)[] Parts =
    [
        ("super-cluster: building images", "AppHost"),
        ("nodes Ready; kubeconfig", "super cluster"),
        ("installer: finished in", "installer"),
        (Running, "tenant-1"),
    ];

    public static async Task RunAsync(int runs, CancellationToken cancellationToken)
    {
        var script = FindScript();
        Console.WriteLine($"{script}, started {runs + 1} times in turn (the first warms what is cold), each until '{Running}', then Ctrl+C:");
        var first = await StartOnceAsync(script, cancellationToken);
        Console.WriteLine($"  first start: {Describe(first)}");
        var warm = new List<IReadOnlyList<(string Part, TimeSpan Took)>>();
        for (var run = 1; run <= runs; run++)
        {
            var start = await StartOnceAsync(script, cancellationToken);
            warm.Add(start);
            Console.WriteLine($"  warm start {run}: {Describe(start)}");
        }

        var median = warm.OrderBy(Total).ElementAt(warm.Count / 2);
        Console.WriteLine($"warm ./eng/run-lab.sh to {Running}: median {Total(median).TotalSeconds:F1} s of {string.Join(", ", warm.Select(start => $"{Total(start).TotalSeconds:F1}"))} s");
    }

    private static TimeSpan Total(IReadOnlyList<(string Part, TimeSpan Took)> start) => start.Aggregate(TimeSpan.Zero, (sum, part) => sum + part.Took);

    private static string Describe(IReadOnlyList<(string Part, TimeSpan Took)> start) =>
        $"{Total(start).TotalSeconds,5:F1} s ({string.Join(", ", start.Select(part => $"{part.Part} {part.Took.TotalSeconds:F1}"))})";

    /// <summary>One start to tenant-1 Running and its stop; the time each part took, read from when its console line came.</summary>
    private static async Task<IReadOnlyList<(string Part, TimeSpan Took)>> StartOnceAsync(string script, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var seen = new Dictionary<string, TimeSpan>();
        var tail = new Queue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A Process of its own, not LocalProcess: it is stopped with Ctrl+C (SIGINT to its group, by its ID), not killed.
        using var lab = new Process
        {
            // setsid: a process group of its own, as a terminal gives a command, so that SIGINT reaches the AppHost too.
            StartInfo = new ProcessStartInfo("setsid", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(script))!,
            },
        };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (seen)
            {
                tail.Enqueue(line);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }

                foreach (var (_, part) in Parts.Where(candidate => !seen.ContainsKey(candidate.Part) && line.Contains(candidate.Line, StringComparison.Ordinal)))
                {
                    seen[part] = clock.Elapsed;
                }
            }

            if (line.Contains(Running, StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        lab.OutputDataReceived += (_, line) => OnLine(line.Data);
        lab.ErrorDataReceived += (_, line) => OnLine(line.Data);
        lab.Start();
        lab.BeginOutputReadLine();
        lab.BeginErrorReadLine();
        try
        {
            var ended = lab.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(running.Task, ended).WaitAsync(StartTimeout, cancellationToken) == ended)
            {
                throw new InvalidOperationException($"{script} ended (exit {lab.ExitCode}) before '{Running}'. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
            }
        }
        finally
        {
            await StopAsync(lab, cancellationToken);
        }

        var parts = new List<(string Part, TimeSpan Took)>();
        var previous = TimeSpan.Zero;
        lock (seen)
        {
            foreach (var (_, part) in Parts)
            {
                var at = seen.GetValueOrDefault(part, previous);
                parts.Add((part, at - previous));
                previous = at;
            }
        }

        return parts;
    }

    /// <summary>Ctrl+C as a terminal sends it (SIGINT to the process group), then the wait until the lab has removed itself.</summary>
    private static async Task StopAsync(Process lab, CancellationToken cancellationToken)
    {
        if (lab.HasExited)
        {
            return;
        }

        // Its exit code is not checked: the group may have ended in between, and the wait below says whether it has.
        await LocalProcess.RunAsync("kill", ["-INT", "--", $"-{lab.Id.ToString(CultureInfo.InvariantCulture)}"], cancellationToken);
        await lab.WaitForExitAsync(cancellationToken).WaitAsync(StopTimeout, cancellationToken);
    }

    /// <summary>eng/run-lab.sh of the checkout this bench was built in (looked for upwards from the bench's own folder).</summary>
    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "eng", "run-lab.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new InvalidOperationException($"No eng/run-lab.sh above {AppContext.BaseDirectory}: run the bench from its checkout.");
    }
}
