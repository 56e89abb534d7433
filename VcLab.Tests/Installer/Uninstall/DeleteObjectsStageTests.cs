using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Uninstall;

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
    public async Task Execute_PartialInstallWithoutManager_RemovesTheFinalizers_AndSaysSo()
    {
        // Given a VirtualCluster with vc-manager's finalizer, and no vc-manager to remove it
        var api = new InMemoryTeardownApi { ManagerRunning = false };
        api.Add(TeardownKind.VirtualCluster, "left", "default", finalizer: true);

        // When the step runs
        var result = await Stage(TeardownKind.VirtualCluster, api).ExecuteAsync(Context(), Token);

        // Then it is gone, and the recap says the finalizer was removed by VcLab
        Assert.Empty(await api.ListAsync(TeardownKind.VirtualCluster, Token));
        Assert.Equal(["delete VirtualCluster default/left", "unfinalize VirtualCluster default/left"], api.Calls);
        Assert.Contains("vc-manager is not running, so VcLab removed their finalizers", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_NothingThere_IsUnchanged_SoARerunIsQuiet()
    {
        var result = await Stage(TeardownKind.CustomResourceDefinition, new InMemoryTeardownApi()).ExecuteAsync(Context(), Token);

        Assert.False(result.Changed);
        Assert.Equal("no VirtualCluster CRDs left", result.Summary);
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
