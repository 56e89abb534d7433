namespace VcLab.Installer.Options;

/// <summary>
/// Configuration keys built from the options' own names (<c>SettingKeys.Of(SshOptions.Section, nameof(SshOptions.User))</c>
/// is <c>VirtualCluster:Ssh:User</c>), so that a program handing the installer its settings (the lab, the fixture, the
/// bench) stops compiling when an option is renamed, instead of silently passing a key nobody reads.
/// </summary>
public static class SettingKeys
{
    public static string Of(string section, string property) => $"{section}:{property}";
}
