using VcLab.Installer.Options;

namespace VcLab.Installer.Target;

/// <summary>
/// Where to build the components from source: the build host (localhost, or a host reached over SSH) and the repository
/// it clones, with the offline upstream folder and the checkout folder when the program that made the host chose them.
/// </summary>
public sealed record BuildHostTarget(string Host, string SourceRepo)
{
    /// <summary><see cref="BuildOptions.OfflineUpstreamDir"/> on the build host; the upstream URLs when null.</summary>
    public string? OfflineUpstreamDir { get; init; }

    /// <summary><see cref="BuildOptions.SourceDir"/> on the build host; the role's default when null.</summary>
    public string? SourceDir { get; init; }

    /// <summary>The same as the installer's configuration keys, with building from source turned on.</summary>
    public IReadOnlyDictionary<string, string> ToSettings()
    {
        var settings = new Dictionary<string, string>
        {
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.FromSource))] = "true",
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.Host))] = Host,
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.SourceRepo))] = SourceRepo,
        };
        SettingKeys.AddIfSet(settings, BuildOptions.Section, nameof(BuildOptions.OfflineUpstreamDir), OfflineUpstreamDir);
        SettingKeys.AddIfSet(settings, BuildOptions.Section, nameof(BuildOptions.SourceDir), SourceDir);
        return settings;
    }
}
