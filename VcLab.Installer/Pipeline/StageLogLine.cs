using System.Globalization;
using System.Text.RegularExpressions;

namespace VcLab.Installer.Pipeline;

/// <summary>
/// One of the stage runner's log lines (<c>InstallerLog</c>: a stage starting, finished, skipped or failed) read back
/// from the installer's output, so that a host running the installer as a process (the AppHost) can follow its stages.
/// <see cref="Outcome"/> is null for a stage starting.
/// </summary>
public sealed partial record StageLogLine(string Stage, StageStatus? Outcome, TimeSpan Took, string Detail)
{
    public bool IsStart => Outcome is null;

    /// <summary>The stage line found in <paramref name="line"/> (whatever the console formatter put before it), or null.</summary>
    public static StageLogLine? Parse(string line)
    {
        var match = Pattern().Match(line.TrimEnd());
        if (!match.Success)
        {
            return null;
        }

        var stage = match.Groups["stage"].Value;
        return match.Groups["starting"].Success ? new StageLogLine(stage, null, TimeSpan.Zero, string.Empty)
            : match.Groups["skipped"].Success ? new StageLogLine(stage, StageStatus.Skipped, TimeSpan.Zero, match.Groups["skipped"].Value)
            : match.Groups["failed"].Success ? new StageLogLine(stage, StageStatus.Failed, TimeSpan.Zero, match.Groups["failed"].Value)
            : new StageLogLine(
                stage,
                Enum.Parse<StageStatus>(match.Groups["status"].Value),
                TimeSpan.FromSeconds(double.Parse(match.Groups["seconds"].Value.Replace(',', '.'), CultureInfo.InvariantCulture)),
                match.Groups["summary"].Value);
    }

    // The messages of InstallerLog.StageStarting, StageFinished, StageSkipped and StageFailed (the seconds in the
    // installer's culture, hence a comma too).
    [GeneratedRegex(@"(?:^|\s)Stage (?<stage>[a-z0-9-]+) (?:(?<starting>starting)|(?<status>Ok|Changed) in (?<seconds>[0-9]+[.,][0-9]) s: (?<summary>.*)|skipped: (?<skipped>.*)|failed: (?<failed>.*))$")]
    private static partial Regex Pattern();
}
