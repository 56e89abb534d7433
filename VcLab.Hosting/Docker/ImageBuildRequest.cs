namespace VcLab.Hosting.Docker;

/// <summary>One image build: a context folder with its Dockerfile, the tag, and optional build arguments and target stage.</summary>
public sealed record ImageBuildRequest(string ContextDirectory, string Tag)
{
    public IReadOnlyDictionary<string, string> BuildArguments { get; init; } = new Dictionary<string, string>();

    public string? Target { get; init; }

    /// <summary>Files added to the context besides the folder's: name in the context to path on this machine.</summary>
    public IReadOnlyDictionary<string, string> ExtraFiles { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Told each line of the build's output as it comes (a long build's progress is read from it).</summary>
    public Action<string>? OnOutputLine { get; init; }
}
