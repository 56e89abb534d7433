namespace VcLab.Installer.Source;

/// <summary>
/// Applies a patch to a file's content, hunk by hunk: a hunk whose fixed text is there is left alone, one whose
/// upstream text is there exactly once is replaced, and one with neither means the code has moved. Pure: no I/O.
/// </summary>
internal static class SourcePatcher
{
    public static PatchResult Apply(SourcePatch patch, string content)
    {
        var patched = content;
        var applied = false;
        foreach (var hunk in patch.Hunks)
        {
            if (patched.Contains(hunk.After, StringComparison.Ordinal))
            {
                continue;
            }

            if (Occurrences(patched, hunk.Before) != 1)
            {
                return new PatchResult(patch, PatchOutcome.Moved, content);
            }

            patched = patched.Replace(hunk.Before, hunk.After, StringComparison.Ordinal);
            applied = true;
        }

        return new PatchResult(patch, applied ? PatchOutcome.Applied : PatchOutcome.AlreadyApplied, patched);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
