using System.Globalization;
using System.Text;

namespace VcLab.Installer.Pipeline;

/// <summary>The run's outcome, stage by stage, printed like Ansible's PLAY RECAP.</summary>
public sealed record InstallRecap(IReadOnlyList<StageReport> Stages)
{
    public bool Succeeded => !Failed;

    public bool Failed => Stages.Any(stage => stage.Status is StageStatus.Failed or StageStatus.TimedOut);

    public StageReport this[string stage] => Stages.Single(report => report.Stage == stage);

    public int Count(StageStatus status) => Stages.Count(stage => stage.Status == status);

    public override string ToString()
    {
        var text = new StringBuilder("RECAP ").Append('*', 60).AppendLine();
        foreach (var stage in Stages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{stage.Stage,-24}: {stage.Status.ToString().ToLowerInvariant(),-8} {stage.Duration.TotalSeconds,6:F1}s  {stage.Message}");
        }

        return text.AppendLine(CultureInfo.InvariantCulture,
            $"ok={Count(StageStatus.Ok)} changed={Count(StageStatus.Changed)} skipped={Count(StageStatus.Skipped)} failed={Count(StageStatus.Failed) + Count(StageStatus.TimedOut)} not-run={Count(StageStatus.NotRun)}")
            .ToString();
    }
}
