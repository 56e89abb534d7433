namespace VcLab.Installer.Source;

/// <summary>
/// One exact replacement in a file: the upstream text and the fixed text, and the fixed texts earlier VcLab versions
/// wrote (<paramref name="Earlier"/>): a tree patched by one of them gets the current fix in their place, as an
/// upgraded VcLab finds its build host's clone.
/// </summary>
internal sealed record SourceHunk(string Before, string After, IReadOnlyList<string>? Earlier = null);
