namespace VcLab.Installer.Pipeline;

/// <summary>One line of the recap: the stage, how it ended, how long it took, and what it said.</summary>
public sealed record StageReport(string Stage, StageStatus Status, TimeSpan Duration, string Message, Exception? Error = null)
{
    public bool Succeeded => Status is StageStatus.Ok or StageStatus.Changed or StageStatus.Skipped;
}
