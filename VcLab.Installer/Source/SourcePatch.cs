namespace VcLab.Installer.Source;

/// <summary>
/// One of the role's fixes to the upstream VirtualCluster code: a file under <c>virtualcluster/</c>, what it fixes,
/// and the exact replacements. Applied on its own: a tree that already has the fix is left as it is.
/// </summary>
internal sealed record SourcePatch(string Name, string File, string Fix, IReadOnlyList<SourceHunk> Hunks);
