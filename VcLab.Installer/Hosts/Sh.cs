namespace VcLab.Installer.Hosts;

/// <summary>
/// The one way a value enters a shell script: as a single-quoted word, whatever it holds (<c>it's</c> becomes
/// <c>'it'\''s'</c>). The settings' validation (<see cref="Options.ShellValues"/>) refuses values that are not of their
/// kind; values read back from files (a tar's manifest, bundle.json) are checked where they are read
/// (<see cref="Images.ComponentImage.Validated"/>); this quoting is what holds even when a check was missed.
/// </summary>
internal static class Sh
{
    public static string Quote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>Each value quoted, separated by spaces.</summary>
    public static string Words(IEnumerable<string> values) => string.Join(' ', values.Select(Quote));
}
