namespace VcLab.Installer.Source;

/// <summary>One exact replacement in a file: the upstream text and the fixed text.</summary>
internal sealed record SourceHunk(string Before, string After);
