namespace VcLab.Hosting.BuildContainer;

/// <summary>A running build container: its name (the installer's build host is docker://NAME) and the repository it serves.</summary>
public sealed record BuildContainer(string Name, string ContainerId, string SourceRepository)
{
    /// <summary>The installer's virtualcluster_build_host for this container.</summary>
    public string BuildHost => $"docker://{Name}";
}
