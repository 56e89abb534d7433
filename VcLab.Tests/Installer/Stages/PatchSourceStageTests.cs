using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Hosts;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// What patch-source decides for the role's fixes (apply, leave, refuse, only say), with this machine's shell as build
/// host and a miniature checkout: a git tree whose files hold exactly the code each fix looks for (made from the fixes
/// themselves). The functional tests patch the real upstream checkout on the lab's build container.
/// </summary>
public sealed class PatchSourceStageTests : IDisposable
{
    private readonly DirectoryInfo _root = new(TestFolders.Create("vclab-patch-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Checkout => Path.Combine(_root.FullName, "checkout");

    [Fact]
    public async Task Execute_UpstreamCode_EveryFixIsApplied_ARerunFindsThemAll()
    {
        // Given a checkout with the code every fix looks for
        await MiniatureCheckoutAsync();

        // When patch-source runs twice
        var first = await Stage().ExecuteAsync(Context(), Token);
        var second = await Stage().ExecuteAsync(Context(), Token);

        // Then the first applies all of them, each file holds every fix's new code, and the second changes nothing
        Assert.True(first.Changed, first.Summary);
        Assert.StartsWith($"{UpstreamPatches.All.Count} of {UpstreamPatches.All.Count} fixes applied", first.Summary, StringComparison.Ordinal);
        foreach (var patch in UpstreamPatches.All)
        {
            var content = await File.ReadAllTextAsync(PathOf(patch.File), Token);
            Assert.All(patch.Hunks, hunk => Assert.Contains(hunk.After, content, StringComparison.Ordinal));
        }

        Assert.False(second.Changed, second.Summary);
        Assert.Equal($"all {UpstreamPatches.All.Count} fixes already in the tree", second.Summary);
    }

    [Fact]
    public async Task Execute_CheckMode_SaysWhatWouldBeApplied_AndWritesNothing()
    {
        await MiniatureCheckoutAsync();
        var before = await ContentsAsync();
        var result = await Stage().ExecuteAsync(Context(checkMode: true), Token);

        Assert.True(result.Changed);
        Assert.StartsWith($"{UpstreamPatches.All.Count} of {UpstreamPatches.All.Count} fixes would be applied", result.Summary, StringComparison.Ordinal);
        Assert.Equal(before, await ContentsAsync());
    }

    [Fact]
    [Fault]
    public async Task Execute_TheCodeAroundOneFixHasMoved_NamesIt_AndNothingIsPatched()
    {
        // Given a checkout where the code one fix looks for is no longer there
        await MiniatureCheckoutAsync();
        var moved = UpstreamPatches.All[0];
        await File.WriteAllTextAsync(PathOf(moved.File), "// rewritten upstream\n", Token);
        var before = await ContentsAsync();

        // When patch-source runs
        var error = await Assert.ThrowsAsync<ProblemsException>(() => Stage().ExecuteAsync(Context(), Token));

        // Then the fix and its file are named, and no file was changed, the others' fixes included
        Assert.Contains("has moved; nothing was patched or built", error.Message, StringComparison.Ordinal);
        Assert.Contains(moved.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(moved.File, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ContentsAsync());
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static PatchSourceStage Stage() => new(new LocalHostAccess(), NullLogger<PatchSourceStage>.Instance);

    private string PathOf(string file) => Path.Combine(Checkout, "virtualcluster", file);

    /// <summary>A committed git tree whose files hold, one after another, the code each of their fixes replaces.</summary>
    private async Task MiniatureCheckoutAsync()
    {
        foreach (var file in UpstreamPatches.All.GroupBy(patch => patch.File))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(file.Key))!);
            await File.WriteAllTextAsync(PathOf(file.Key), string.Join("\n// --\n", file.SelectMany(patch => patch.Hunks).Select(hunk => hunk.Before)), Token);
        }

        var checkout = Sh.Quote(Checkout);
        (await ProcessShell.Local().RunAsync(
            $"set -e; git init --quiet {checkout}; git -C {checkout} add -A; git -C {checkout} -c user.name=test -c user.email=test@example.invalid commit --quiet -m upstream",
            Token)).EnsureSuccess();
    }

    private async Task<Dictionary<string, string>> ContentsAsync()
    {
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in UpstreamPatches.All.Select(patch => patch.File).Distinct())
        {
            contents[file] = await File.ReadAllTextAsync(PathOf(file), Token);
        }

        return contents;
    }

    private InstallContext Context(bool checkMode = false)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.Build.FromSource = true;
        settings.Build.SourceDir = Checkout;
        return new InstallContext(settings, checkMode);
    }
}
