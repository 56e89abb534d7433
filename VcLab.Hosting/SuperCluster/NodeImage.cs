namespace VcLab.Hosting.SuperCluster;

/// <summary>An image side-loaded into every node's containerd: its docker-save tar, and the name it must also carry (or null).</summary>
public sealed record NodeImage(string Name, byte[] Tar, string? Alias = null);
