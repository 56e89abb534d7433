using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VcLab.Installer.Pipeline;

/// <summary>The installer's trace source and metrics: a span per stage (and per worker), a stage duration histogram.</summary>
internal static class InstallerTelemetry
{
    public const string Name = "VcLab.Installer";

    /// <summary>The span of a whole run, parent of one span per stage.</summary>
    public const string RunSpan = "install";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    public static Histogram<double> StageDuration { get; } =
        Meter.CreateHistogram<double>("vclab.installer.stage.duration", unit: "s", description: "How long each installer stage took.");
}
