namespace VcLab.Installer.Source;

/// <summary>One exact replacement in a file: the upstream text and the fixed text.</summary>
public sealed record SourceHunk(string Before, string After);
