namespace VcLab.Hosting.BuildContainer;

/// <summary>
/// A running build container: its name (the installer's build host is docker://NAME), the VirtualCluster repository the
/// installer clones (the offline bundle served as a git repository, or the upstream URL), the offline upstream folder
/// inside it (null online), and the stand-in repository that pipeline-mechanics tests build in seconds.
/// </summary>
public sealed record BuildContainer(string Name, string ContainerId, string SourceRepository, string? OfflineUpstreamDir, string StandInRepository)
{
    /// <summary>The installer's checkout folder (virtualcluster_source_dir) when it is on a volume that outlives the container; else null (the role's default).</summary>
    public string? SourceDir { get; init; }

    /// <summary>The installer's virtualcluster_build_host for this container.</summary>
    public string BuildHost => $"docker://{Name}";
}
