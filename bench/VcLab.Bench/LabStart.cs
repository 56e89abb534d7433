namespace VcLab.Bench;

/// <summary>
/// One start of the lab to tenant-1 Running: the time each part took, and what the lab said on the console (its
/// <c>vclab:</c> lines) with when, counted from the start.
/// </summary>
internal sealed record LabStart(IReadOnlyList<(string Part, TimeSpan Took)> Parts, IReadOnlyList<(TimeSpan At, string Line)> Said)
{
    public TimeSpan Total => Parts.Aggregate(TimeSpan.Zero, (sum, part) => sum + part.Took);

    public string Describe() =>
        $"{Total.TotalSeconds,5:F1} s ({string.Join(", ", Parts.Select(part => $"{part.Part} {part.Took.TotalSeconds:F1}"))})";
}
