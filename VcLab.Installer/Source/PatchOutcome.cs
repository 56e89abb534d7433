namespace VcLab.Installer.Source;

/// <summary>What a patch found in the tree.</summary>
internal enum PatchOutcome
{
    /// <summary>The tree already has the fix (patched before, or merged upstream).</summary>
    AlreadyApplied,

    /// <summary>The fix was applied (or, in check mode, would be).</summary>
    Applied,

    /// <summary>Neither the upstream code nor the fix is there: the code around it has moved.</summary>
    Moved,
}
