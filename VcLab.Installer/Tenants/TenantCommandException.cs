namespace VcLab.Installer.Tenants;

/// <summary>A tenant command that cannot be done, with the exit code to end with (1: the cluster's state, 2: the input).</summary>
internal sealed class TenantCommandException(string message, int exitCode = 1) : InvalidOperationException(message)
{
    public int ExitCode { get; } = exitCode;
}
