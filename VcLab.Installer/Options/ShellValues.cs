using System.Text.RegularExpressions;

namespace VcLab.Installer.Options;

/// <summary>
/// The settings that reach a shell on some host (users, host names, paths, image names, git refs), each checked for its
/// kind before anything runs, so that no value can end a quoted word or start a command. Values are also written into
/// scripts quoted (<see cref="Hosts.Sh.Quote"/>); the check is what makes a bad value an error instead of a surprise.
/// </summary>
internal partial class ShellValues
{
    /// <summary>Whether the value is an image reference ([registry[:port]/]name[:tag][@sha256:digest]).</summary>
    public static bool IsImage(string value) => ImagePattern().IsMatch(value);

    /// <summary>The problems of every shell-bound setting, by its Ansible name.</summary>
    public static IEnumerable<string> Problems(InstallerSettings settings)
    {
        var vc = settings.VirtualCluster;
        var checks = new (string Name, string? Value, Kind Kind)[]
        {
            ("virtualcluster_ssh_user", settings.Ssh.User, Kind.User),
            ("virtualcluster_build_host", settings.Build.Host, Kind.Host),
            ("ansible_host (VirtualCluster:Ssh:ControlPlaneHost)", settings.Ssh.ControlPlaneHost, Kind.Host),
            ("k8s_api_wait_host", settings.ApiWait.Host, Kind.Host),
            ("virtualcluster_source_repo", settings.Build.SourceRepo, Kind.Path),
            ("virtualcluster_source_version", settings.Build.SourceVersion, Kind.GitRef),
            ("virtualcluster_source_dir", settings.Build.SourceDir, Kind.Path),
            ("VirtualCluster:Build:OfflineUpstreamDir", settings.Build.OfflineUpstreamDir, Kind.Path),
            ("virtualcluster_local_cache_dir", settings.Images.LocalCacheDir, Kind.Path),
            ("virtualcluster_ctrlplane_cache_dir", settings.Images.CtrlplaneCacheDir, Kind.Path),
            ("virtualcluster_config_dir", vc.ConfigDir, Kind.Path),
            ("virtualcluster_supercluster_kubeconfig_path", vc.SuperclusterKubeconfigPath, Kind.Path),
            ("VirtualCluster:KubeletClientCertificatePath", vc.KubeletClientCertificatePath, Kind.Path),
            ("VirtualCluster:KubeletClientKeyPath", vc.KubeletClientKeyPath, Kind.Path),
            ("virtualcluster_manager_image", settings.Images.Manager, Kind.Image),
            ("virtualcluster_syncer_image", settings.Images.Syncer, Kind.Image),
            ("virtualcluster_vn_agent_image", settings.Images.VnAgent, Kind.Image),
            ("virtualcluster_manager_image_tar", settings.Images.ManagerTar, Kind.Path),
            ("virtualcluster_syncer_image_tar", settings.Images.SyncerTar, Kind.Path),
            ("virtualcluster_vn_agent_image_tar", settings.Images.VnAgentTar, Kind.Path),
        };
        foreach (var (name, value, kind) in checks)
        {
            if (!string.IsNullOrEmpty(value) && !Pattern(kind).IsMatch(value))
            {
                yield return $"{name} is '{Printable(value)}': {Rule(kind)}";
            }
        }
    }

    private enum Kind
    {
        User,
        Host,
        Path,
        GitRef,
        Image,
    }

    private static Regex Pattern(Kind kind) => kind switch
    {
        Kind.User => UserPattern(),
        Kind.Host => HostPattern(),
        Kind.Path => PathPattern(),
        Kind.GitRef => GitRefPattern(),
        _ => ImagePattern(),
    };

    private static string Rule(Kind kind) => kind switch
    {
        Kind.User => "a login name is letters, digits, '_', '.' and '-', starting with a letter or '_' (at most 32 characters).",
        Kind.Host => "a host is a name or address (letters, digits, '.', '-', ':'), optionally user@host, or docker://CONTAINER.",
        Kind.Path => "a path or URL here is letters, digits and _ . / ~ @ % + = : , - only (no spaces, quotes or shell characters), not starting with '-' (it would be read as an option).",
        Kind.GitRef => "a branch, tag or commit is letters, digits and . _ / - (not starting with '-').",
        _ => "an image reference is [registry[:port]/]name[:tag][@sha256:digest], lower-case name.",
    };

    /// <summary>The value without a URL's credentials, control characters shown as '?': an error message stays on one line and tells no secret.</summary>
    private static string Printable(string value) => new([.. Hosts.UrlCredentials.Redact(value).Select(character => char.IsControl(character) ? '?' : character)]);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^docker://[A-Za-z0-9][A-Za-z0-9_.-]*$|^([A-Za-z_][A-Za-z0-9_.-]{0,31}@)?[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$|^([A-Za-z_][A-Za-z0-9_.-]{0,31}@)?\[[0-9A-Fa-f:.]+\]$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z0-9_./~@%+=:,][A-Za-z0-9_./~@%+=:,-]*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._/-]*$")]
    private static partial Regex GitRefPattern();

    [GeneratedRegex(@"^([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImagePattern();
}
