namespace VcLab.Installer.Stages;

/// <summary>The commit the build host checked out.</summary>
internal sealed record SourceCheckout(string Commit, string BuildHost);
