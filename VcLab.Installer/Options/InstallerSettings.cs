namespace VcLab.Installer.Options;

/// <summary>Every options class of the installer, bound once and handed to the stages together.</summary>
public sealed record InstallerSettings(
    VirtualClusterOptions VirtualCluster,
    BuildOptions Build,
    ImageOptions Images,
    SshOptions Ssh,
    ResourceOptions Resources,
    ApiWaitOptions ApiWait,
    TenantOptions Tenant)
{
    public static InstallerSettings Defaults() => new(new(), new(), new(), new(), new(), new(), new());

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

    /// <summary>Expands a leading "~/" to the home folder, as Ansible does for the controller's paths.</summary>
    public static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
