namespace VcLab.Installer.Options;

/// <summary>What a user probably meant by a name that names nothing: the closest known name, by edits (Levenshtein).</summary>
internal static class Spelling
{
    /// <summary>The known name fewest edits away from <paramref name="typed"/>, if it is at most <paramref name="maxEdits"/> away.</summary>
    public static string? Closest(IEnumerable<string> known, string typed, int maxEdits) =>
        known.Select(name => (Name: name, Edits: Edits(name, typed))).Where(candidate => candidate.Edits <= maxEdits)
            .OrderBy(candidate => candidate.Edits).Select(candidate => candidate.Name).FirstOrDefault();

    private static int Edits(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
