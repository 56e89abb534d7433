namespace VcLab.Installer.Options;

/// <summary>Every options class of the installer, bound once and handed to the stages together.</summary>
public sealed record InstallerSettings(
    VirtualClusterOptions VirtualCluster,
    BuildOptions Build,
    ImageOptions Images,
    SshOptions Ssh,
    ResourceOptions Resources,
    ApiWaitOptions ApiWait,
    TenantOptions Tenant,
    ComponentsOptions Components)
{
    public static InstallerSettings Defaults() => new(new(), new(), new(), new(), new(), new(), new(), new());

    /// <summary>Where the tenant's admin kubeconfig is written.</summary>
    public string TenantKubeconfigPath => ExpandHome(Tenant.KubeconfigPath ?? Path.Combine(VirtualCluster.ConfigDir, $"{Tenant.Name}.kubeconfig"));

    /// <summary>The image of a component ("manager", "syncer", "vn-agent").</summary>
    public string ImageOf(string component) => component switch
    {
        "manager" => Images.Manager,
        "syncer" => Images.Syncer,
        "vn-agent" => Images.VnAgent,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Unknown component."),
    };

    /// <summary>A component's own settings ("manager", "syncer", "vn-agent").</summary>
    public ComponentSettings SettingsOf(string component) =>
        Components.All().Single(entry => entry.Component == component).Settings;

    /// <summary>The explicit tar of a component's image, or null when it is to be built or taken from the last good bundle.</summary>
    public string? TarOf(string component) => component switch
    {
        "manager" => Images.ManagerTar,
        "syncer" => Images.SyncerTar,
        "vn-agent" => Images.VnAgentTar,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Unknown component."),
    };

    /// <summary>Whether the images come from explicit tars (virtualcluster_*_image_tar) rather than a build or the cache.</summary>
    public bool HasExplicitTars => Images.ManagerTar is not null || Images.SyncerTar is not null || Images.VnAgentTar is not null;

    /// <summary>Expands a leading "~/" to the home folder, as Ansible does for the controller's paths.</summary>
    public static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
