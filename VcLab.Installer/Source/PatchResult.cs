namespace VcLab.Installer.Source;

/// <summary>A patch's outcome on one file and the file's content afterwards (unchanged unless it was applied).</summary>
internal sealed record PatchResult(SourcePatch Patch, PatchOutcome Outcome, string Content)
{
    /// <summary>"kubeconfig-dns-name: applied (pkg/...)" for the recap and the log.</summary>
    public string Describe() => Outcome switch
    {
        PatchOutcome.AlreadyApplied => $"{Patch.Name}: already in the tree ({Patch.File})",
        PatchOutcome.Applied => $"{Patch.Name}: applied to {Patch.File}",
        _ => $"{Patch.Name}: the code around the fix has moved in {Patch.File}; the fix ({Patch.Fix}) cannot be applied",
    };
}
