using VcLab.Installer.Options;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Options;

public sealed class ComponentSettingsTests
{
    [Fact]
    public void Defaults_SyncerHasSyncTenantPVCStatusPhase_OthersNothing()
    {
        var components = new ComponentsOptions();

        Assert.Equal(["--feature-gates=SyncTenantPVCStatusPhase=true"], components.Syncer.FeatureGatesFlag());
        Assert.Empty(components.Manager.FeatureGatesFlag());
        Assert.Empty(components.VnAgent.FeatureGatesFlag());
    }

    [Fact]
    [BadInput]
    public void Validate_BadComponentSettings_EachNamedByItsVariable()
    {
        // Given a bad quantity, a gate name with a space, a flag without dashes and gates given as an extra flag
        var settings = InstallerSettings.Defaults();
        settings.Components.Syncer.Resources.Limits.Memory = "lots";
        settings.Components.Manager.FeatureGates["Not A Gate"] = true;
        settings.Components.VnAgent.ExtraArgs.Add("v=4");
        settings.Components.VnAgent.ExtraArgs.Add("--feature-gates=X=true");

        // When
        var errors = InstallerSettingsValidator.Validate(settings);

        // Then each is reported, together
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_components.syncer.resources.limits.memory is 'lots'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_components.manager.feature_gates has 'Not A Gate'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_components.vn_agent.extra_args has 'v=4'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("set feature gates in virtualcluster_components.vn_agent.feature_gates", StringComparison.Ordinal));
    }
}
