using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>namespace's own decisions, with objects kept in memory; the functional tests apply it to the real lab.</summary>
public sealed class NamespaceStageTests : IDisposable
{
    private readonly DirectoryInfo _configDir = new DirectoryInfo(TestFolders.Create("vclab-namespace-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_AppliesTheConfiguredNamespace_WritesItsFile_ARerunIsUnchanged()
    {
        // Given a namespace of the user's choosing
        var applier = new InMemoryObjectApplier();
        var context = Context(ns: "vc-team-a");

        // When the stage runs twice
        var first = await Stage(applier).ExecuteAsync(context, Token);
        var second = await Stage(applier).ExecuteAsync(context, Token);

        // Then that namespace is applied with the role's field manager, its manifest is in the config folder, and the
        // second run reports it unchanged
        Assert.Equal(["Namespace vc-team-a"], applier.Names);
        Assert.All(applier.Calls, call => Assert.Equal(context.Settings.VirtualCluster.FieldManager, call.FieldManager));
        Assert.True(first.Changed);
        Assert.Equal("1 objects: 1 created, 0 configured, 0 unchanged", first.Summary);
        Assert.False(second.Changed);
        Assert.Equal("1 objects: 0 created, 0 configured, 1 unchanged", second.Summary);
        Assert.Contains("name: vc-team-a", await File.ReadAllTextAsync(Path.Combine(_configDir.FullName, "namespace.yaml"), Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_CheckMode_IsADryRun_ThatSaysWhatWouldChange_AndChangesNothing()
    {
        var applier = new InMemoryObjectApplier();

        var result = await Stage(applier).ExecuteAsync(Context(ns: "vc-manager", checkMode: true), Token);

        Assert.True(result.Changed);
        Assert.EndsWith("(check mode: nothing was changed)", result.Summary, StringComparison.Ordinal);
        Assert.All(applier.Calls, call => Assert.True(call.DryRun));
        Assert.Empty(applier.Names);
    }

    [Fact]
    public async Task Execute_ApiAwayForAMoment_IsRetried_AndTheNamespaceIsApplied()
    {
        // Given an API that refuses the first connection (a restarting API server)
        var applier = new InMemoryObjectApplier { FailuresLeft = 1 };

        // When the stage runs
        var result = await Stage(applier).ExecuteAsync(Context(ns: "vc-manager"), Token);

        // Then the apply was tried again and went through
        Assert.Equal(0, applier.FailuresLeft);
        Assert.Equal(["Namespace vc-manager"], applier.Names);
        Assert.True(result.Changed);
    }

    public void Dispose() => _configDir.Delete(recursive: true);

    private static NamespaceStage Stage(IObjectApplier applier) => new(applier, TimeProvider.System, NullLogger<NamespaceStage>.Instance);

    private InstallContext Context(string ns, bool checkMode = false)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.VirtualCluster.Namespace = ns;
        settings.VirtualCluster.ConfigDir = _configDir.FullName;
        return new InstallContext(settings, checkMode);
    }
}
