namespace VcLab.Installer.Pipeline;

/// <summary>How a stage ended, as in Ansible's recap.</summary>
public enum StageStatus
{
    Ok,
    Changed,
    Skipped,
    Failed,
    TimedOut,
    NotRun,
}
