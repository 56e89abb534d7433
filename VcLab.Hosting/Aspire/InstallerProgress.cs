using VcLab.Installer.Pipeline;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// What the AppHost's console says of the installer's run, read from its log lines: that it runs, every stage that takes
/// longer than <see cref="LabConsole.Quiet"/> (said then, every <see cref="Every"/> while it runs, and when it ends), and every
/// stage that fails. The dashboard has every stage; the console has what a person would otherwise wait for in silence.
/// </summary>
internal sealed class InstallerProgress(TimeProvider time)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Running> _running = [];
    private bool _started;

    /// <summary>The console's lines for one line of the installer's output (none for most).</summary>
    public IReadOnlyList<string> Read(string line)
    {
        if (StageLogLine.Parse(line) is not { } stage)
        {
            return [];
        }

        lock (_gate)
        {
            List<string> said = [];
            if (!_started && stage.IsStart)
            {
                _started = true;
                said.Add("running its stages (each is in the dashboard; one that takes over 20 s is shown here too)");
            }

            if (stage.IsStart)
            {
                _running[stage.Stage] = new Running(time.GetTimestamp());
            }
            else if (stage.Outcome is StageStatus.Failed)
            {
                _running.Remove(stage.Stage);
                said.Add($"{stage.Stage} failed: {stage.Detail}");
            }
            else if (_running.Remove(stage.Stage, out var running) && running.Said is not null)
            {
                said.Add($"{stage.Stage} {stage.Outcome!.Value.ToString().ToLowerInvariant()} in {Elapsed(stage.Took)}: {stage.Detail}");
            }

            return said;
        }
    }

    /// <summary>
    /// The run has ended: a stage it was in (the process was stopped) is no longer said to run, and the next run (the
    /// dashboard's Start) is said to run as the first was, from its first stage's start (a line of the run that ended,
    /// read after its end, is not a start).
    /// </summary>
    public void Ended()
    {
        lock (_gate)
        {
            _running.Clear();
            _started = false;
        }
    }

    /// <summary>The console's lines for the stages that have run longer than <see cref="LabConsole.Quiet"/>, at most one per <see cref="Every"/>.</summary>
    public IReadOnlyList<string> Tick()
    {
        lock (_gate)
        {
            List<string> said = [];
            foreach (var (stage, running) in _running)
            {
                var elapsed = time.GetElapsedTime(running.Started);
                var due = running.Said is { } last ? last + Every : LabConsole.Quiet;
                if (elapsed >= due)
                {
                    running.Said = elapsed;
                    said.Add($"{stage} running, {Elapsed(elapsed)} so far");
                }
            }

            return said;
        }
    }

    private static string Elapsed(TimeSpan elapsed) =>
        elapsed < TimeSpan.FromMinutes(1) ? $"{elapsed.TotalSeconds:F0} s" : $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s";

    private sealed class Running(long started)
    {
        public long Started { get; } = started;

        public TimeSpan? Said { get; set; }
    }
}
