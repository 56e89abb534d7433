using System.Diagnostics;

namespace VcLab.Bench;

/// <summary>The phases a start reports, each with the time it took (until the next began, the last until <see cref="Stop"/>).</summary>
internal sealed class PhaseClock : IProgress<string>
{
    private readonly List<(string Phase, long Started)> _phases = [];
    private long _stopped;

    public void Report(string value) => _phases.Add((value, Stopwatch.GetTimestamp()));

    public void Stop() => _stopped = Stopwatch.GetTimestamp();

    public IEnumerable<(string Phase, TimeSpan Took)> Phases =>
        _phases.Select((phase, index) => (phase.Phase, Stopwatch.GetElapsedTime(phase.Started, index + 1 < _phases.Count ? _phases[index + 1].Started : _stopped)));
}
