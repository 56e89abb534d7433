namespace VcLab.Installer;

/// <summary>What <see cref="OwnedFolder.Delete"/> did.</summary>
public enum DeleteOutcome
{
    /// <summary>The folder was VcLab's and is gone.</summary>
    Deleted,

    /// <summary>There was no such folder.</summary>
    Absent,

    /// <summary>The folder has no VcLab marker: it was left as it is.</summary>
    NotOwned,
}
