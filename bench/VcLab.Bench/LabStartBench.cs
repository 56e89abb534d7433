using System.Diagnostics;
using System.Globalization;
using VcLab.Hosting.SuperCluster;
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

    /// <summary>How the lab's own console lines begin (<c>LabConsole</c>, and eng/prerequisites.sh's).</summary>
    private const string Said = "vclab: ";
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
        Console.WriteLine($"  first start: {first.Describe()}");
        var warm = new List<LabStart>();
        for (var run = 1; run <= runs; run++)
        {
            var start = await StartOnceAsync(script, cancellationToken);
            warm.Add(start);
            Console.WriteLine($"  warm start {run}: {start.Describe()}");
        }

        var median = warm.OrderBy(start => start.Total).ElementAt(warm.Count / 2);
        Console.WriteLine($"warm ./eng/run-lab.sh to {Running}: median {median.Total.TotalSeconds:F1} s of {string.Join(", ", warm.Select(start => $"{start.Total.TotalSeconds:F1}"))} s");
    }

    /// <summary>
    /// A first run as on a machine VcLab has never run on: refused (exit 2) while any of VcLab's caches is on this one,
    /// then one start, its parts and the timeline of what the lab said (every image it built, its nodes, the installer, the
    /// tenant; the "still building" lines between are left out).
    /// </summary>
    public static async Task<int> RunColdAsync(BenchLab lab, CancellationToken cancellationToken)
    {
        var labName = new SuperClusterOptions().Name;
        var caches = await ColdMachine.FindCachesAsync(lab, labName, cancellationToken);
        if (caches.Count > 0)
        {
            Console.Error.WriteLine("lab --cold times a first run, which finds none of VcLab's caches; this machine has:");
            Console.Error.WriteLine(string.Join(Environment.NewLine, caches.Select(cache => $"  {cache.What}")));
            Console.Error.WriteLine("Run it on a machine VcLab has not run on, or remove them first (the bench removes nothing; the next start builds them again):");
            Console.Error.WriteLine(string.Join(Environment.NewLine, caches.Select(cache => $"  {cache.Remove}")));
            return 2;
        }

        var script = FindScript();
        Console.WriteLine($"{script} on a machine without VcLab's caches, until '{Running}', then Ctrl+C:");
        var start = await StartOnceAsync(script, cancellationToken);
        Console.WriteLine($"  cold start: {start.Total.TotalMinutes:F1} min; {string.Join(", ", start.Parts.Select(part => $"{part.Part} {Minutes(part.Took)}"))}");
        Console.WriteLine("  what the lab said, and when:");
        foreach (var (at, line) in start.Said.Where(said => !said.Line.Contains(": still building ", StringComparison.Ordinal)))
        {
            Console.WriteLine($"    {Minutes(at),9}  {line}");
        }

        return 0;
    }

    private static string Minutes(TimeSpan took) => $"{(int)took.TotalMinutes}:{took.Seconds:D2}";

    /// <summary>One start to tenant-1 Running and its stop; the time each part took, read from when its console line came.</summary>
    private static async Task<LabStart> StartOnceAsync(string script, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var seen = new Dictionary<string, TimeSpan>();
        var said = new List<(TimeSpan At, string Line)>();
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

                if (line.StartsWith(Said, StringComparison.Ordinal))
                {
                    said.Add((clock.Elapsed, line[Said.Length..]));
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

            return new LabStart(parts, [.. said]);
        }
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
