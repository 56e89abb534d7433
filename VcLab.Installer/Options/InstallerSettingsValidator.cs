using System.Text.RegularExpressions;
using k8s.Models;

namespace VcLab.Installer.Options;

/// <summary>Checks every setting before anything runs and reports every bad one at once, by its Ansible name.</summary>
public static partial class InstallerSettingsValidator
{
    public static IReadOnlyList<string> Validate(InstallerSettings settings)
    {
        var errors = new List<string>();
        var vc = settings.VirtualCluster;
        if (string.IsNullOrWhiteSpace(vc.Namespace) || vc.Namespace.Length > 63 || !DnsLabel().IsMatch(vc.Namespace))
        {
            errors.Add($"virtualcluster_namespace is '{vc.Namespace}': it must be a DNS label (lower-case letters, digits and '-', at most 63 characters).");
        }

        Positive(errors, "virtualcluster_build_timeout", settings.Build.TimeoutSeconds);
        Positive(errors, "VirtualCluster:VerifyTimeoutSeconds", vc.VerifyTimeoutSeconds);
        Positive(errors, "VirtualCluster:StageTimeoutSeconds", vc.StageTimeoutSeconds);
        Positive(errors, "VirtualCluster:ApiWait:TimeoutSeconds", settings.ApiWait.TimeoutSeconds);
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
        return errors;
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

    private static void DnsLabelSetting(List<string> errors, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 63 || !DnsLabel().IsMatch(value))
        {
            errors.Add($"{name} is '{value}': it must be a DNS label (lower-case letters, digits and '-', at most 63 characters).");
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

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex QuantityPattern();
}
