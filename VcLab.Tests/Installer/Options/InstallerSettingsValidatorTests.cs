using VcLab.Installer.Options;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Options;

public sealed class InstallerSettingsValidatorTests
{
    [Fact]
    [BadInput]
    public void Validate_SeveralBadSettings_ReportsEveryOneByItsAnsibleName()
    {
        // Given settings with many mistakes at once
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Namespace = "Bad_Namespace";
        settings.Resources.RequestsCpu = "500mm";
        settings.Resources.LimitsMemory = "lots";
        settings.Build.TimeoutSeconds = 0;
        settings.Build.Components = ["manager", "controller"];
        settings.ApiWait.TimeoutSeconds = -5;

        // When
        var errors = InstallerSettingsValidator.Validate(settings);

        // Then each is named, in one report
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_namespace is 'Bad_Namespace'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_pod_resource_requests.cpu is '500mm'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_pod_resource_limits.memory is 'lots'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_build_timeout is 0", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_build_components has 'controller'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("VirtualCluster:ApiWait:TimeoutSeconds is -5", StringComparison.Ordinal));
    }

    [Theory]
    [BadInput]
    [InlineData("Tenant_1")]
    [InlineData("tenant.one")]
    [InlineData("")]
    public void Validate_TenantNameNotADnsLabel_IsReportedNamingTheSetting_OnlyWhenATenantIsCreated(string name)
    {
        // Given a tenant name that cannot name a VirtualCluster
        var settings = InstallerSettings.Defaults();
        settings.Tenant.Name = name;

        // When no tenant is to be created, it does not matter; when one is, it is named before anything runs
        Assert.DoesNotContain(InstallerSettingsValidator.Validate(settings), error => error.StartsWith("VirtualCluster:Tenant:Name", StringComparison.Ordinal));
        settings.Tenant.Create = true;
        var error = Assert.Single(InstallerSettingsValidator.Validate(settings), error => error.StartsWith("VirtualCluster:Tenant:Name", StringComparison.Ordinal));
        Assert.Equal($"VirtualCluster:Tenant:Name is '{name}': it must be a DNS label (lower-case letters, digits and '-', at most 63 characters).", error);
    }

    [Theory]
    [BadInput]
    [InlineData("rbac.authorization.k8s.io/v1beta1")]
    [InlineData("api/all=true --anonymous-auth=true")]
    [InlineData("events.k8s.io/v1beta1=false;rm")]
    public void Validate_TenantApiServerRuntimeConfigNotAFlagValue_IsReportedNamingTheSetting(string runtimeConfig)
    {
        // Given a --runtime-config the tenant's API server would refuse (or one that smuggles in another flag)
        var settings = InstallerSettings.Defaults();
        settings.Tenant.ApiServerRuntimeConfig = runtimeConfig;

        // When / Then it is named before any ClusterVersion is written
        var error = Assert.Single(InstallerSettingsValidator.Validate(settings));
        Assert.StartsWith($"VirtualCluster:Tenant:ApiServerRuntimeConfig is '{runtimeConfig}': write kube-apiserver's --runtime-config value", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api/all=true")]
    [InlineData("rbac.authorization.k8s.io/v1beta1=false,autoscaling/v2beta1=false")]
    public void Validate_TenantApiServerRuntimeConfigUnsetOrAFlagValue_IsAccepted(string? runtimeConfig)
    {
        var settings = InstallerSettings.Defaults();
        settings.Tenant.ApiServerRuntimeConfig = runtimeConfig;

        Assert.Empty(InstallerSettingsValidator.Validate(settings));
    }

    [Theory]
    [BadInput]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("UPPER")]
    public void Validate_InvalidNamespace_IsReported(string ns)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Namespace = ns;

        Assert.Single(InstallerSettingsValidator.Validate(settings), error => error.StartsWith("virtualcluster_namespace", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(InstallerSettingsValidator.Validate(InstallerSettings.Defaults()));
}
