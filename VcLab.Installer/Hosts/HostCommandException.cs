namespace VcLab.Installer.Hosts;

/// <summary>A command failed on a host; the message names the host and the command.</summary>
internal sealed class HostCommandException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
