using VcLab.Installer.Options;

namespace VcLab.Installer.Target;

/// <summary>
/// The super cluster to install onto, as the program that made it knows it: its kubeconfig and how to reach its control
/// plane over SSH (the role's inventory), plus what that program wants kept elsewhere than the installer's defaults.
/// </summary>
public sealed record SuperClusterTarget(string KubeconfigPath, string ControlPlaneHost, string SshUser, string SshPrivateKeyPath)
{
    /// <summary>The controller's image tar cache (<see cref="ImageOptions.LocalCacheDir"/>); the installer's default when null.</summary>
    public string? ImageCacheDir { get; init; }

    /// <summary>The tenant API server's <c>--runtime-config</c> (<see cref="TenantOptions.ApiServerRuntimeConfig"/>); none when null.</summary>
    public string? TenantApiServerRuntimeConfig { get; init; }

    /// <summary>The same as the installer's configuration keys (what its console entry point binds).</summary>
    public IReadOnlyDictionary<string, string> ToSettings()
    {
        var settings = new Dictionary<string, string>
        {
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.SuperclusterKubeconfigPath))] = KubeconfigPath,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.ControlPlaneHost))] = ControlPlaneHost,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.User))] = SshUser,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.PrivateKeyPath))] = SshPrivateKeyPath,
        };
        SettingKeys.AddIfSet(settings, ImageOptions.Section, nameof(ImageOptions.LocalCacheDir), ImageCacheDir);
        SettingKeys.AddIfSet(settings, TenantOptions.Section, nameof(TenantOptions.ApiServerRuntimeConfig), TenantApiServerRuntimeConfig);
        return settings;
    }
}
