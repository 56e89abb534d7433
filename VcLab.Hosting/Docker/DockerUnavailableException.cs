namespace VcLab.Hosting.Docker;

/// <summary>The Docker engine cannot be used; the message says which of the three cases it is and what to do.</summary>
public sealed class DockerUnavailableException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
