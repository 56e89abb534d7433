namespace VcLab.Hosting.Docker;

/// <summary>An image build failed; the message carries the tail of the build output.</summary>
public sealed class ImageBuildException(string tag, string error, IReadOnlyList<string> outputTail)
    : InvalidOperationException(
        $"Building image {tag} failed: {error}{Environment.NewLine}Last lines of the build:{Environment.NewLine}" +
        string.Join(Environment.NewLine, outputTail))
{
    public string Tag { get; } = tag;

    public IReadOnlyList<string> OutputTail { get; } = outputTail;
}
