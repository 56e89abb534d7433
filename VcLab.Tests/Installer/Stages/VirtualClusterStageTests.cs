using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// virtual-cluster's own decisions (the tenant the settings ask for, a name someone else holds, a re-run, when it does
/// not run), with tenants in memory; the functional tests make real tenants on the lab.
/// </summary>
public sealed class VirtualClusterStageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_AFreeName_MakesTheTenantTheSettingsAskFor_ThenARerunChangesNothing()
    {
        // Given settings that name a tenant, its ClusterVersion, kubeconfig and DNS image
        var tenants = new InMemoryTenantCreation();
        var context = Context(settings =>
        {
            settings.Tenant.Name = "team-a";
            settings.Tenant.Namespace = "tenants";
            settings.Tenant.KubeconfigPath = "/tmp/vclab-team-a.kubeconfig";
            settings.Tenant.CoreDnsImage = "coredns/coredns:1.10.1";
        });

        // When virtual-cluster runs twice
        var first = await Stage(tenants).ExecuteAsync(context, Token);
        var second = await Stage(tenants).ExecuteAsync(context, Token);

        // Then the tenant was made as asked, marked as this install's, and the run after it changed nothing
        var request = Assert.Single(tenants.Made).Value;
        Assert.Equal(new TenantRequest("tenants", "team-a", context.Settings.Tenant.ClusterVersion, "/tmp/vclab-team-a.kubeconfig", Ownership.Of(context.Settings), "coredns/coredns:1.10.1"), request);
        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal("VirtualCluster tenants/team-a Running (control plane in tenants-team-a); its admin kubeconfig: /tmp/vclab-team-a.kubeconfig", second.Summary);

        // And the stages after it find the tenant
        Assert.Equal("team-a", context.Find<TenantCluster>()?.Name);
    }

    [Fact]
    public async Task Execute_TheNameIsTakenByAnotherInstall_FailsWithWhy_AndMakesNothing()
    {
        var tenants = new InMemoryTenantCreation();
        var context = Context();
        tenants.TakenNames[$"{context.Settings.Tenant.Namespace}/{context.Settings.Tenant.Name}"] = "VirtualCluster:Tenant:Name 'vc-sample' is taken: ... Choose another name.";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(tenants).ExecuteAsync(context, Token));

        Assert.Equal("VirtualCluster:Tenant:Name 'vc-sample' is taken: ... Choose another name.", failure.Message);
        Assert.Empty(tenants.Made);
        Assert.Null(context.Find<TenantCluster>());
    }

    [Fact]
    public void SkipReason_NoTenantWanted_OrCheckMode_SaysWhy()
    {
        var stage = Stage(new InMemoryTenantCreation());

        Assert.Equal("VirtualCluster:Tenant:Create is false: no tenant cluster is created", stage.SkipReason(Context(settings => settings.Tenant.Create = false)));
        Assert.Equal("check mode: VirtualCluster vc-sample would be created", stage.SkipReason(Context(checkMode: true)));
        Assert.Null(stage.SkipReason(Context()));
    }

    private static VirtualClusterStage Stage(InMemoryTenantCreation tenants) => new(tenants, NullLogger<VirtualClusterStage>.Instance);

    private static InstallContext Context(Action<InstallerSettings>? configure = null, bool checkMode = false)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.Tenant.Create = true;
        configure?.Invoke(settings);
        return new InstallContext(settings, checkMode);
    }
}
