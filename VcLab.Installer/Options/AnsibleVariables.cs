namespace VcLab.Installer.Options;

/// <summary>
/// The one mapping between the role's variable names and VcLab's configuration keys, so that a role user's
/// <c>host_vars</c> file works as it is. Nested role variables (<c>virtualcluster_pod_resource_requests.cpu</c>)
/// map their leaves.
/// </summary>
internal static class AnsibleVariables
{
    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["virtualcluster_enabled"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.Enabled)}",
        ["virtualcluster_clean_install"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.CleanInstall)}",
        ["virtualcluster_uninstall_include_foreign"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.UninstallIncludeForeign)}",
        ["virtualcluster_namespace"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.Namespace)}",
        ["virtualcluster_config_dir"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.ConfigDir)}",
        ["virtualcluster_supercluster_kubeconfig_path"] = $"{VirtualClusterOptions.Section}:{nameof(VirtualClusterOptions.SuperclusterKubeconfigPath)}",
        ["virtualcluster_build_from_source"] = $"{BuildOptions.Section}:{nameof(BuildOptions.FromSource)}",
        ["virtualcluster_build_host"] = $"{BuildOptions.Section}:{nameof(BuildOptions.Host)}",
        ["virtualcluster_source_repo"] = $"{BuildOptions.Section}:{nameof(BuildOptions.SourceRepo)}",
        ["virtualcluster_source_version"] = $"{BuildOptions.Section}:{nameof(BuildOptions.SourceVersion)}",
        ["virtualcluster_source_dir"] = $"{BuildOptions.Section}:{nameof(BuildOptions.SourceDir)}",
        ["virtualcluster_build_components"] = $"{BuildOptions.Section}:{nameof(BuildOptions.Components)}",
        ["virtualcluster_build_timeout"] = $"{BuildOptions.Section}:{nameof(BuildOptions.TimeoutSeconds)}",
        ["virtualcluster_manager_image"] = $"{ImageOptions.Section}:{nameof(ImageOptions.Manager)}",
        ["virtualcluster_syncer_image"] = $"{ImageOptions.Section}:{nameof(ImageOptions.Syncer)}",
        ["virtualcluster_vn_agent_image"] = $"{ImageOptions.Section}:{nameof(ImageOptions.VnAgent)}",
        ["virtualcluster_manager_image_tar"] = $"{ImageOptions.Section}:{nameof(ImageOptions.ManagerTar)}",
        ["virtualcluster_syncer_image_tar"] = $"{ImageOptions.Section}:{nameof(ImageOptions.SyncerTar)}",
        ["virtualcluster_vn_agent_image_tar"] = $"{ImageOptions.Section}:{nameof(ImageOptions.VnAgentTar)}",
        ["virtualcluster_local_cache_dir"] = $"{ImageOptions.Section}:{nameof(ImageOptions.LocalCacheDir)}",
        ["virtualcluster_ctrlplane_cache_dir"] = $"{ImageOptions.Section}:{nameof(ImageOptions.CtrlplaneCacheDir)}",
        ["virtualcluster_ssh_user"] = $"{SshOptions.Section}:{nameof(SshOptions.User)}",
        ["virtualcluster_ssh_keyscan_enabled"] = $"{SshOptions.Section}:{nameof(SshOptions.KeyscanEnabled)}",
        ["virtualcluster_pod_resource_requests.cpu"] = $"{ResourceOptions.Section}:{nameof(ResourceOptions.RequestsCpu)}",
        ["virtualcluster_pod_resource_requests.memory"] = $"{ResourceOptions.Section}:{nameof(ResourceOptions.RequestsMemory)}",
        ["virtualcluster_pod_resource_limits.cpu"] = $"{ResourceOptions.Section}:{nameof(ResourceOptions.LimitsCpu)}",
        ["virtualcluster_pod_resource_limits.memory"] = $"{ResourceOptions.Section}:{nameof(ResourceOptions.LimitsMemory)}",
        ["virtualcluster_components"] = ComponentsOptions.Section,
        ["k8s_api_wait_host"] = $"{ApiWaitOptions.Section}:{nameof(ApiWaitOptions.Host)}",
        ["k8s_api_wait_port"] = $"{ApiWaitOptions.Section}:{nameof(ApiWaitOptions.Port)}",
    };

    /// <summary>The role variable a configuration key mirrors, for error messages ("virtualcluster_namespace").</summary>
    public static string NameOf(string configurationKey) =>
        Map.FirstOrDefault(pair => string.Equals(pair.Value, configurationKey, StringComparison.OrdinalIgnoreCase)).Key ?? configurationKey;

    /// <summary>Variables of Ansible itself and of the other k8s roles, which a shared host_vars file may hold.</summary>
    public static bool BelongsElsewhere(string variable) =>
        !Map.Keys.Any(known => known.Split('.')[0] == variable)
        && (variable.StartsWith("ansible_", StringComparison.Ordinal) || variable.StartsWith("k8s_", StringComparison.Ordinal));
}
