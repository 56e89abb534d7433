namespace VcLab.Installer.Pipeline;

/// <summary>What a stage did: whether it changed anything, and a one-line summary for the recap.</summary>
public sealed record StageResult(bool Changed, string Summary)
{
    public static StageResult Unchanged(string summary) => new(false, summary);

    public static StageResult ChangedWith(string summary) => new(true, summary);
}
