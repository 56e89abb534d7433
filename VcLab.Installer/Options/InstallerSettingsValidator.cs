using System.Text.RegularExpressions;
using k8s.Models;
using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Options;

/// <summary>Checks every setting before anything runs and reports every bad one at once, by its Ansible name.</summary>
internal partial class InstallerSettingsValidator
{
    public static IReadOnlyList<string> Validate(InstallerSettings settings)
    {
        var errors = new List<string>();
        var vc = settings.VirtualCluster;
        DnsLabelSetting(errors, "virtualcluster_namespace", vc.Namespace);
        if (KubernetesNames.SystemNamespaces.Contains(vc.Namespace))
        {
            errors.Add(
                $"virtualcluster_namespace is '{vc.Namespace}': a namespace Kubernetes itself owns cannot hold the components (uninstall " +
                "deletes their namespace). Use a namespace of their own, such as the default vc-manager.");
        }

        Positive(errors, "virtualcluster_build_timeout", settings.Build.TimeoutSeconds);
        Positive(errors, "VirtualCluster:VerifyTimeoutSeconds", vc.VerifyTimeoutSeconds);
        Positive(errors, "VirtualCluster:StageTimeoutSeconds", vc.StageTimeoutSeconds);
        Positive(errors, "VirtualCluster:ApiWait:TimeoutSeconds", settings.ApiWait.TimeoutSeconds);
        if (settings.Ssh.Port is < 1 or > 65535)
        {
            errors.Add($"ansible_port (VirtualCluster:Ssh:Port) is {settings.Ssh.Port}: it must be a port number (1-65535).");
        }

        if (settings.Ssh.Parallelism is < 1 or > 64)
        {
            errors.Add($"VirtualCluster:Ssh:Parallelism is {settings.Ssh.Parallelism}: give how many workers receive images at once, from 1 to 64.");
        }

        BuildHostPortProblem(errors, settings.Build.Host);
        KubeconfigProblem(errors, settings.VirtualCluster.SuperclusterKubeconfigPath);
        if (settings.ApiWait.Port is { } port && port is < 1 or > 65535)
        {
            errors.Add($"k8s_api_wait_port is {port}: it must be a port number (1-65535).");
        }

        foreach (var component in settings.Build.EffectiveComponents.Where(component => !BuildOptions.DefaultComponents.Contains(component)))
        {
            errors.Add($"virtualcluster_build_components has '{component}': known components are {string.Join(", ", BuildOptions.DefaultComponents)}.");
        }

        Quantity(errors, "virtualcluster_pod_resource_requests.cpu", settings.Resources.RequestsCpu);
        Quantity(errors, "virtualcluster_pod_resource_requests.memory", settings.Resources.RequestsMemory);
        Quantity(errors, "virtualcluster_pod_resource_limits.cpu", settings.Resources.LimitsCpu);
        Quantity(errors, "virtualcluster_pod_resource_limits.memory", settings.Resources.LimitsMemory);

        NotEmpty(errors, "virtualcluster_manager_image", settings.Images.Manager);
        NotEmpty(errors, "virtualcluster_syncer_image", settings.Images.Syncer);
        NotEmpty(errors, "virtualcluster_vn_agent_image", settings.Images.VnAgent);
        NotEmpty(errors, "virtualcluster_ssh_user", settings.Ssh.User);
        NotEmpty(errors, "virtualcluster_supercluster_kubeconfig_path", vc.SuperclusterKubeconfigPath);
        NotEmpty(errors, "virtualcluster_config_dir", vc.ConfigDir);
        errors.AddRange(ShellValues.Problems(settings));
        ComponentProblems(errors, settings.Components);
        TarProblems(errors, settings);
        var tenant = settings.Tenant;
        if (tenant.Create)
        {
            DnsLabelSetting(errors, "VirtualCluster:Tenant:Name", tenant.Name);
            DnsLabelSetting(errors, "VirtualCluster:Tenant:Namespace", tenant.Namespace);
            Positive(errors, "VirtualCluster:Tenant:TimeoutSeconds", tenant.TimeoutSeconds);
            if (string.IsNullOrWhiteSpace(tenant.ClusterVersion))
            {
                errors.Add("VirtualCluster:Tenant:ClusterVersion is empty: name the ClusterVersion the tenant uses.");
            }
        }

        if (tenant.ApiServerRuntimeConfig is { Length: > 0 } runtimeConfig && !RuntimeConfigPattern().IsMatch(runtimeConfig))
        {
            errors.Add($"VirtualCluster:Tenant:ApiServerRuntimeConfig is '{runtimeConfig}': write kube-apiserver's --runtime-config value, group/version=true|false separated by commas (rbac.authorization.k8s.io/v1beta1=false), or leave it unset.");
        }

        return errors;
    }

    /// <summary>Each component's resources, feature gates and extra flags.</summary>
    private static void ComponentProblems(List<string> errors, ComponentsOptions components)
    {
        foreach (var (component, own) in components.All())
        {
            var name = $"virtualcluster_components.{component.Replace('-', '_')}";
            foreach (var (amount, value) in new[]
            {
                ("resources.requests.cpu", own.Resources.Requests.Cpu), ("resources.requests.memory", own.Resources.Requests.Memory),
                ("resources.limits.cpu", own.Resources.Limits.Cpu), ("resources.limits.memory", own.Resources.Limits.Memory),
            })
            {
                if (value is not null)
                {
                    Quantity(errors, $"{name}.{amount}", value);
                }
            }

            foreach (var gate in own.FeatureGates.Keys.Where(gate => !FeatureGateName().IsMatch(gate)))
            {
                errors.Add($"{name}.feature_gates has '{gate}': a feature gate is a name of letters and digits (SyncTenantPVCStatusPhase).");
            }

            foreach (var flag in own.ExtraArgs)
            {
                if (!flag.StartsWith("--", StringComparison.Ordinal) || flag.Any(char.IsControl))
                {
                    errors.Add($"{name}.extra_args has '{flag}': each entry is one flag, --name or --name=value.");
                }
                else if (flag.StartsWith("--feature-gates", StringComparison.Ordinal))
                {
                    errors.Add($"{name}.extra_args has '{flag}': set feature gates in {name}.feature_gates instead (VcLab writes that flag).");
                }
            }
        }
    }

    /// <summary>Explicit image tars: one per component or none, each an existing docker-save archive of the configured image.</summary>
    private static void TarProblems(List<string> errors, InstallerSettings settings)
    {
        if (!settings.HasExplicitTars)
        {
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var component in settings.Build.EffectiveComponents.Where(BuildOptions.DefaultComponents.Contains))
        {
            var name = $"virtualcluster_{component.Replace('-', '_')}_image_tar";
            if (settings.TarOf(component) is not { Length: > 0 } tar)
            {
                errors.Add($"{name} is not set while other *_image_tar settings are: give a tar for every component ({string.Join(", ", settings.Build.EffectiveComponents)}) or for none.");
                continue;
            }

            var path = InstallerSettings.ExpandHome(tar);
            if (seen.TryGetValue(path, out var other))
            {
                errors.Add($"{name} is '{tar}', the same tar as {other}: each component needs its own image.");
                continue;
            }

            seen[path] = name;
            if (!File.Exists(path))
            {
                errors.Add($"{name} is '{tar}': no such file on this machine (give the path of a `docker save` tar).");
                continue;
            }

            try
            {
                var archive = Images.DockerArchive.Read(path);
                var image = settings.ImageOf(component);
                if (!archive.Names(image))
                {
                    errors.Add($"{name} is '{tar}': it holds {string.Join(", ", archive.RepoTags.DefaultIfEmpty("an untagged image"))}, not {image} (virtualcluster_{component.Replace('-', '_')}_image). Tag it with that name before `docker save`, or change the image setting.");
                }
            }
            catch (InvalidDataException exception)
            {
                errors.Add($"{name} is '{tar}': {exception.Message}");
            }
        }
    }

    public static void ThrowIfInvalid(InstallerSettings settings)
    {
        var errors = Validate(settings);
        if (errors.Count > 0)
        {
            throw new InvalidInstallerConfigurationException(errors);
        }
    }

    private static void Positive(List<string> errors, string name, int value)
    {
        if (value <= 0)
        {
            errors.Add($"{name} is {value}: it must be a positive number of seconds.");
        }
    }

    /// <summary>A build host <c>[user@]host:PORT</c> whose port is not a port number (IPv6 addresses go in brackets).</summary>
    private static void BuildHostPortProblem(List<string> errors, string host)
    {
        var address = host.Split('@')[^1];
        if (host.StartsWith("docker://", StringComparison.Ordinal) || address.StartsWith('[') || address.Count(character => character == ':') != 1)
        {
            return;
        }

        var port = address[(address.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            errors.Add($"virtualcluster_build_host is '{host}': its port '{port}' is not a port number (1-65535); write [user@]host[:port].");
        }
    }

    /// <summary>A kubeconfig that is there but cannot be read as one: named before anything runs (a missing one is named by validate).</summary>
    private static void KubeconfigProblem(List<string> errors, string path)
    {
        var file = InstallerSettings.ExpandHome(path);
        if (!File.Exists(file))
        {
            return;
        }

        try
        {
            var kubeconfig = k8s.KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file));
            if (kubeconfig.Clusters is null || !kubeconfig.Clusters.Any())
            {
                errors.Add($"virtualcluster_supercluster_kubeconfig_path is '{path}': the file names no cluster; give the super cluster's admin kubeconfig.");
            }
        }
        catch (Exception exception) when (exception is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or UnauthorizedAccessException or IOException)
        {
            errors.Add($"virtualcluster_supercluster_kubeconfig_path is '{path}': not a kubeconfig ({exception.Message.Split('\n')[0]}).");
        }
    }

    private static void DnsLabelSetting(List<string> errors, string name, string value)
    {
        if (KubernetesNames.DnsLabelProblem(name, value) is { } problem)
        {
            errors.Add(problem);
        }
    }

    private static void NotEmpty(List<string> errors, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{name} is empty.");
        }
    }

    private static void Quantity(List<string> errors, string name, string value)
    {
        if (!QuantityPattern().IsMatch(value ?? string.Empty))
        {
            errors.Add($"{name} is '{value}': not a Kubernetes quantity (for example 500m, 1, 512Mi, 1Gi).");
            return;
        }

        try
        {
            _ = new ResourceQuantity(value).ToDecimal();
        }
        catch (FormatException)
        {
            errors.Add($"{name} is '{value}': not a Kubernetes quantity (for example 500m, 1, 512Mi, 1Gi).");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*(/[a-z0-9]+)?=(true|false)(,[a-z0-9][a-z0-9.-]*(/[a-z0-9]+)?=(true|false))*$")]
    private static partial Regex RuntimeConfigPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex FeatureGateName();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex QuantityPattern();
}
