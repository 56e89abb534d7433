namespace VcLab.Installer.Options;

/// <summary>Bad settings, all of them at once: each line names the variable or file and what is wrong.</summary>
internal sealed class InvalidInstallerConfigurationException(IReadOnlyList<string> errors)
    : InvalidOperationException("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(error => "  - " + error)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
