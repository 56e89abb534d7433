namespace VcLab.Installer.Options;

/// <summary>
/// Configuration keys built from the options' own names (<c>SettingKeys.Of(SshOptions.Section, nameof(SshOptions.User))</c>
/// is <c>VirtualCluster:Ssh:User</c>), so that a program handing the installer its settings (the lab, the fixture, the
/// bench) stops compiling when an option is renamed, instead of silently passing a key nobody reads.
/// </summary>
public static class SettingKeys
{
    public static string Of(string section, string property) => $"{section}:{property}";

    /// <summary>A configuration key as an environment variable's name (<c>:</c> becomes <c>__</c>), as the console entry point reads it.</summary>
    public static string AsEnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Adds the key with its value, unless the value is null (the installer's default stays).</summary>
    internal static void AddIfSet(Dictionary<string, string> settings, string section, string property, string? value)
    {
        if (value is not null)
        {
            settings[Of(section, property)] = value;
        }
    }
}
