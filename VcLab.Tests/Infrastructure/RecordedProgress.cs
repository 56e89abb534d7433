using System.Collections.Concurrent;

namespace VcLab.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that keeps every report, at once and in order (Progress&lt;T&gt; posts them later).</summary>
public sealed class RecordedProgress : IProgress<string>
{
    private readonly ConcurrentQueue<string> _reports = new();

    public IReadOnlyList<string> Reports => [.. _reports];

    public void Report(string value) => _reports.Enqueue(value);
}
