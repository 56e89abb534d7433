using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Uninstall;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Uninstall;

/// <summary>The uninstall step's own decisions; the lifecycle suite runs it on the real lab.</summary>
public sealed class DeleteObjectsStageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_CheckMode_ListsWhatWouldGo_AndDeletesNothing()
    {
        var api = new InMemoryTeardownApi { ManagerRunning = true };
        api.Add(TeardownKind.VirtualCluster, "a", "default", finalizer: true);
        api.Add(TeardownKind.VirtualCluster, "b", "team");

        var result = await Stage(TeardownKind.VirtualCluster, api).ExecuteAsync(Context(checkMode: true), Token);

        Assert.True(result.Changed);
        Assert.Equal("would delete VirtualCluster default/a, VirtualCluster team/b", result.Summary);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Execute_ManagerRunning_DeletesAndWaits_LeavesFinalizersToIt()
    {
        var api = new InMemoryTeardownApi { ManagerRunning = true };
        api.Add(TeardownKind.ClusterVersion, "cv-1", finalizer: true);

        var result = await Stage(TeardownKind.ClusterVersion, api).ExecuteAsync(Context(), Token);

        Assert.Equal("deleted ClusterVersion cv-1", result.Summary);
        Assert.Equal(["delete ClusterVersion cv-1"], api.Calls);
        Assert.Empty(await api.ListAsync(TeardownKind.ClusterVersion, Token));
    }

    [Fact]
    [Fault]
    public async Task Execute_PartialInstallWithoutManager_RemovesTheFinalizers_AndSaysSo()
    {
        // Given a VirtualCluster with vc-manager's finalizer, and no vc-manager to remove it
        var api = new InMemoryTeardownApi { ManagerRunning = false };
        api.Add(TeardownKind.VirtualCluster, "left", "default", finalizer: true);

        // When the step runs
        var result = await Stage(TeardownKind.VirtualCluster, api).ExecuteAsync(Context(), Token);

        // Then it is gone, and the recap says the finalizer was removed by VcLab
        Assert.Empty(await api.ListAsync(TeardownKind.VirtualCluster, Token));
        Assert.Equal(["claim the namespaces of VirtualCluster default/left", "delete VirtualCluster default/left", "unfinalize VirtualCluster default/left"], api.Calls);
        Assert.Contains("vc-manager is not running, so VcLab removed their finalizers", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_NothingThere_IsUnchanged_SoARerunIsQuiet()
    {
        var result = await Stage(TeardownKind.CustomResourceDefinition, new InMemoryTeardownApi()).ExecuteAsync(Context(), Token);

        Assert.False(result.Changed);
        Assert.Equal("no VirtualCluster CRDs of this install left", result.Summary);
    }

    [Theory]
    [BadInput]
    [InlineData(nameof(TeardownKind.VirtualCluster))]
    [InlineData(nameof(TeardownKind.CustomResourceDefinition))]
    public async Task Execute_AVirtualClusterOrClusterVersionSomeoneElseMade_StopsBeforeDeletingAnything_NamingThem(string stepKind)
    {
        var step = Enum.Parse<TeardownKind>(stepKind);
        // Given the install's own VirtualCluster, and a VirtualCluster and a ClusterVersion a role user made by hand
        var api = new InMemoryTeardownApi { ManagerRunning = true };
        api.Add(TeardownKind.VirtualCluster, "ours", "default");
        api.Add(TeardownKind.VirtualCluster, "theirs", "team", owned: false);
        api.Add(TeardownKind.ClusterVersion, "their-cv", owned: false);
        api.Add(TeardownKind.CustomResourceDefinition, "virtualclusters.tenancy.x-k8s.io");

        // When the uninstall's first step (or the CRDs' step) runs
        var error = await Assert.ThrowsAsync<ForeignObjectsException>(() => Stage(step, api).ExecuteAsync(Context(), Token));

        // Then it stops, naming both and the way to take them along, and nothing was deleted
        Assert.Contains("VirtualCluster team/theirs, ClusterVersion their-cv were not created by this installer", error.Message, StringComparison.Ordinal);
        Assert.Contains("--include-foreign", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Execute_ForeignTakenAlongWhenTheUserSaysSo_TheirTenantNamespacesClaimedFirst()
    {
        var api = new InMemoryTeardownApi { ManagerRunning = true };
        api.Add(TeardownKind.VirtualCluster, "ours", "default");
        api.Add(TeardownKind.VirtualCluster, "theirs", "team", owned: false);
        var context = Context();
        context.Settings.VirtualCluster.UninstallIncludeForeign = true;

        var result = await Stage(TeardownKind.VirtualCluster, api).ExecuteAsync(context, Token);

        Assert.Equal("deleted VirtualCluster default/ours, VirtualCluster team/theirs", result.Summary);
        Assert.Equal("claim the namespaces of VirtualCluster default/ours, VirtualCluster team/theirs", api.Calls[0]);
    }

    [Fact]
    public async Task Execute_CrdThisInstallDidNotRegister_IsLeftInPlaceAndNamed()
    {
        var api = new InMemoryTeardownApi();
        api.Add(TeardownKind.CustomResourceDefinition, "clusterversions.tenancy.x-k8s.io");
        api.Add(TeardownKind.CustomResourceDefinition, "virtualclusters.tenancy.x-k8s.io", owned: false);

        var result = await Stage(TeardownKind.CustomResourceDefinition, api).ExecuteAsync(Context(), Token);

        Assert.Equal(["delete CRD clusterversions.tenancy.x-k8s.io"], api.Calls);
        Assert.Equal("deleted CRD clusterversions.tenancy.x-k8s.io; left in place, not made by this installer: CRD virtualclusters.tenancy.x-k8s.io", result.Summary);
    }

    [Fact]
    public async Task Execute_ComponentsNamespaceSomeoneElseMade_OnlyTheInstallsObjectsInItGo_AndTheRecapSaysTheNamespaceStays()
    {
        var api = new InMemoryTeardownApi();
        api.Add(TeardownKind.ComponentNamespace, "team-tools", owned: false);

        var check = await Stage(TeardownKind.ComponentNamespace, api).ExecuteAsync(Context(checkMode: true), Token);

        Assert.Equal("would delete this install's objects in Namespace team-tools (the namespace is someone else's and stays)", check.Summary);
    }

    [Fact]
    public async Task Execute_ObjectThatNeverGoes_TimesOutNamingIt()
    {
        // Given a namespace that is marked deleting but never goes (a stuck finalizer of the namespace controller)
        var api = new InMemoryTeardownApi();
        api.Add(TeardownKind.ComponentNamespace, "vc-manager", finalizer: true);
        var context = Context();
        context.Settings.VirtualCluster.VerifyTimeoutSeconds = 1;

        // When the step waits for it
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Stage(TeardownKind.ComponentNamespace, api).ExecuteAsync(context, Token));

        // Then the error names what was left
        Assert.Contains("still there: Namespace vc-manager", error.Message, StringComparison.Ordinal);
    }

    private static DeleteObjectsStage Stage(TeardownKind kind, ITeardownApi api) => new("step", kind, [], api, TimeProvider.System);

    private static InstallContext Context(bool checkMode = false)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        return new InstallContext(settings, checkMode);
    }
}
