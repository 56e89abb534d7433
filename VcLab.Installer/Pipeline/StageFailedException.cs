namespace VcLab.Installer.Pipeline;

/// <summary>A stage failed; the message names it, and the inner exception is the cause.</summary>
internal sealed class StageFailedException(string stage, Exception innerException)
    : Exception($"Stage '{stage}' failed: {innerException.Message}", innerException)
{
    public string Stage { get; } = stage;
}
