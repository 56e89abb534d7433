using VcLab.Installer.Options;

namespace VcLab.Tests.Installer.Options;

public sealed class InstallerSettingsValidatorTests
{
    [Fact]
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
