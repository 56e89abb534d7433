namespace VcLab.Hosting.Images;

/// <summary>
/// An image the lab builds from a Dockerfile kept in the repo (<c>Images/Dockerfiles/&lt;Folder&gt;</c>).
/// Its tag is a hash of its inputs, so an unchanged image is never rebuilt.
/// </summary>
public sealed record LabImage(string Repository, string Folder)
{
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();

    public string? Target { get; init; }

    /// <summary>Files from outside the repository added to the build context: name in the context to path on this machine.</summary>
    public IReadOnlyDictionary<string, string> ExtraFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder holding the Dockerfile, next to the running assembly.</summary>
    public string ContextDirectory => Path.Combine(AppContext.BaseDirectory, "Images", "Dockerfiles", Folder);
}
