namespace VcLab.Installer.Source;

/// <summary>
/// Applies a patch to a file's content, hunk by hunk: a hunk whose fixed text is there is left alone, one whose earlier
/// fixed text (an older VcLab's) or else upstream text is there exactly once is replaced, and one with none of them means
/// the code has moved. An earlier text is looked for first: it may hold the upstream text (a function inserted before it).
/// Pure: no I/O.
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

            var found = (hunk.Earlier ?? []).Append(hunk.Before).FirstOrDefault(text => Occurrences(patched, text) == 1);
            if (found is null)
            {
                return new PatchResult(patch, PatchOutcome.Moved, content);
            }

            patched = patched.Replace(found, hunk.After, StringComparison.Ordinal);
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
