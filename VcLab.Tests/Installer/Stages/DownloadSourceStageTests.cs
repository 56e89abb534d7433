using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Hosts;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// What download-source decides about the checkout (clone, leave, check out again, refuse), with this machine's shell
/// as build host and a small git repository of the test's own as upstream. The functional tests run the stage on the
/// lab's build container against the real upstream bundle.
/// </summary>
public sealed class DownloadSourceStageTests : IDisposable
{
    private readonly DirectoryInfo _root = new(TestFolders.Create("vclab-download-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Upstream => Path.Combine(_root.FullName, "upstream");

    private string Checkout => Path.Combine(_root.FullName, "checkout");

    [Fact]
    public async Task Execute_NoCheckoutYet_ClonesTheVersion_ARerunLeavesIt()
    {
        // Given an upstream repository with one commit on main
        var commit = await UpstreamWithCommitAsync("first");

        // When download-source runs twice
        var first = await Stage().ExecuteAsync(Context(), Token);
        var second = await Stage().ExecuteAsync(Context(), Token);

        // Then the first clones that commit, the second changes nothing
        Assert.True(first.Changed, first.Summary);
        Assert.Contains($"checked out as {commit[..12]}", first.Summary, StringComparison.Ordinal);
        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(Checkout, "main.go"), Token));
        Assert.False(second.Changed, second.Summary);
        Assert.EndsWith("(unchanged)", second.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Execute_AVersionTheRepositoryDoesNotHave_NamesTheSetting_AndLeavesTheCheckout()
    {
        // Given a checkout of main, and then a source version the repository does not have
        var commit = await UpstreamWithCommitAsync("first");
        await Stage().ExecuteAsync(Context(), Token);
        var context = Context();
        context.Settings.Build.SourceVersion = "no-such-branch";

        // When download-source runs
        var error = await Assert.ThrowsAsync<HostCommandException>(() => Stage().ExecuteAsync(context, Token));

        // Then the message names the setting, its value and the repository, not the script; the checkout is as it was
        Assert.StartsWith($"virtualcluster_source_version 'no-such-branch' is not a branch, tag or commit of {Upstream}", error.Message, StringComparison.Ordinal);
        Assert.Contains("VirtualCluster:Build:SourceVersion", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("flock", error.Message, StringComparison.Ordinal);
        var head = await ShellAsync($"git -C {Sh.Quote(Checkout)} rev-parse HEAD");
        Assert.Equal(commit, head.Output.Trim());
    }

    [Fact]
    public async Task Execute_UpstreamMoved_TheNewCommitIsCheckedOut()
    {
        await UpstreamWithCommitAsync("first");
        await Stage().ExecuteAsync(Context(), Token);
        var moved = await UpstreamWithCommitAsync("second");

        var result = await Stage().ExecuteAsync(Context(), Token);

        Assert.True(result.Changed);
        Assert.Contains($"checked out as {moved[..12]}", result.Summary, StringComparison.Ordinal);
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(Checkout, "main.go"), Token));
    }

    [Fact]
    public async Task Execute_AFileChangedByHand_IsDiscardedByACleanCheckout_AndSaidSo()
    {
        await UpstreamWithCommitAsync("first");
        await Stage().ExecuteAsync(Context(), Token);
        await File.WriteAllTextAsync(Path.Combine(Checkout, "main.go"), "edited by hand", Token);

        var result = await Stage().ExecuteAsync(Context(), Token);

        Assert.True(result.Changed);
        Assert.Contains("had changes made by hand (main.go", result.Summary, StringComparison.Ordinal);
        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(Checkout, "main.go"), Token));
    }

    [Fact]
    [Fault]
    public async Task Execute_TheFolderHoldsSomethingElse_ItIsRefused_AndNothingIsRemoved()
    {
        // Given the source folder holds a file of someone's that is not a checkout
        await UpstreamWithCommitAsync("first");
        Directory.CreateDirectory(Checkout);
        await File.WriteAllTextAsync(Path.Combine(Checkout, "notes.txt"), "mine", Token);

        // When download-source runs
        var error = await Assert.ThrowsAsync<HostCommandException>(() => Stage().ExecuteAsync(Context(), Token));

        // Then it names the folder and what is in it, and the file is still there
        Assert.Contains($"virtualcluster_source_dir ({Checkout})", error.Message, StringComparison.Ordinal);
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(Checkout, "notes.txt"), Token));
    }

    [Fact]
    [Fault]
    public async Task Execute_OfflineFolderWithACorruptFile_NamesIt_AndClonesNothing()
    {
        // Given an offline upstream folder whose vendor tarball no longer matches SHA256SUMS
        await UpstreamWithCommitAsync("first");
        var offline = Directory.CreateDirectory(Path.Combine(_root.FullName, "offline")).FullName;
        await ShellAsync($"""
            git -C {Sh.Quote(Upstream)} bundle create {Sh.Quote(Path.Combine(offline, UpstreamSource.BundleFile))} --all 2>/dev/null
            echo vendor > {Sh.Quote(Path.Combine(offline, UpstreamSource.VendorTarball))}
            cd {Sh.Quote(offline)} && sha256sum {UpstreamSource.BundleFile} {UpstreamSource.VendorTarball} > {UpstreamSource.ChecksumsFile}
            echo damaged >> {UpstreamSource.VendorTarball}
            """);
        var context = Context();
        context.Settings.Build.SourceRepo = UpstreamSource.DefaultRepository;
        context.Settings.Build.OfflineUpstreamDir = offline;

        // When download-source runs
        var error = await Assert.ThrowsAsync<ProblemsException>(() => Stage().ExecuteAsync(context, Token));

        // Then the corrupt file is named, and no checkout was made
        Assert.Contains($"{offline}/{UpstreamSource.VendorTarball} is corrupt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UpstreamSource.BundleFile + " is", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Checkout));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static DownloadSourceStage Stage() => new(new LocalHostAccess(), NullLogger<DownloadSourceStage>.Instance);

    /// <summary>Commits main.go with this content on the upstream's main (made on first use); returns the commit.</summary>
    private async Task<string> UpstreamWithCommitAsync(string content)
    {
        var upstream = Sh.Quote(Upstream);
        var output = await ShellAsync($"""
            [ -d {upstream}/.git ] || git init --quiet --initial-branch=main {upstream}
            printf '%s' {Sh.Quote(content)} > {upstream}/main.go
            git -C {upstream} add main.go
            git -C {upstream} -c user.name=test -c user.email=test@example.invalid commit --quiet -m {Sh.Quote(content)}
            echo "vclab-commit: $(git -C {upstream} rev-parse HEAD)"
            """);
        return output.MarkedFields("vclab-commit:")[0];
    }

    private static async Task<CommandResult> ShellAsync(string script) =>
        (await ProcessShell.Local().RunAsync("set -e\n" + script, Token)).EnsureSuccess();

    private InstallContext Context()
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.Build.FromSource = true;
        settings.Build.SourceRepo = Upstream;
        settings.Build.SourceVersion = "main";
        settings.Build.SourceDir = Checkout;
        return new InstallContext(settings);
    }
}
