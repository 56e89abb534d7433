using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// What fetch-images and upload-to-ctrlplane decide for each tar (copy, keep, refuse), with this machine's shell as
/// build host and control plane. The image pipeline's functional tests run the same stages on the lab's hosts.
/// </summary>
public sealed class TarHopDecisionsTests : IDisposable
{
    private static readonly string[] Components = ["manager", "syncer", "vn-agent"];
    private readonly DirectoryInfo _root = new DirectoryInfo(TestFolders.Create("vclab-tar-hops-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_TarsMissingOnTheControlPlane_AreCopiedAndChecked_ARerunCopiesNothing()
    {
        // Given three tars in the controller's cache
        var context = Context();
        context.Publish(new CachedImages(await TarsAsync(Folder("cache"))));
        var stage = new UploadToCtrlplaneStage(new LocalHostAccess());

        // When they are uploaded twice
        var first = await stage.ExecuteAsync(context, Token);
        var second = await stage.ExecuteAsync(context, Token);

        // Then the first run copies all three, byte for byte, and the second none
        Assert.True(first.Changed);
        Assert.StartsWith("3 of 3 tars uploaded", first.Summary, StringComparison.Ordinal);
        Assert.False(second.Changed);
        Assert.StartsWith("0 of 3 tars uploaded", second.Summary, StringComparison.Ordinal);
        foreach (var component in Components)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Folder("cache"), ComponentImage.TarNameOf(component)), Token), await File.ReadAllBytesAsync(Path.Combine(Folder("ctrlplane"), ComponentImage.TarNameOf(component)), Token));
        }
    }

    [Fact]
    [Fault]
    public async Task Upload_TarCorruptOnTheControlPlane_IsCopiedAgain()
    {
        // Given an earlier upload, and then one tar on the control plane damaged
        var context = Context();
        context.Publish(new CachedImages(await TarsAsync(Folder("cache"))));
        var stage = new UploadToCtrlplaneStage(new LocalHostAccess());
        await stage.ExecuteAsync(context, Token);
        await File.AppendAllTextAsync(Path.Combine(Folder("ctrlplane"), "vc_syncer-amd64.tar"), "damage", Token);

        // When it runs again
        var result = await stage.ExecuteAsync(context, Token);

        // Then only that tar is copied again
        Assert.StartsWith("1 of 3 tars uploaded", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Fault]
    public async Task Upload_TarCorruptInTheControllersCache_IsRefusedNamingIt_AndNotCopied()
    {
        // Given a cache whose syncer tar no longer has its recorded checksum
        var context = Context();
        context.Publish(new CachedImages(await TarsAsync(Folder("cache"))));
        await File.AppendAllTextAsync(Path.Combine(Folder("cache"), "vc_syncer-amd64.tar"), "damage", Token);

        // When it is uploaded
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new UploadToCtrlplaneStage(new LocalHostAccess()).ExecuteAsync(context, Token));

        // Then the error names the tar and where it is, and that tar never reaches the control plane
        Assert.Contains("Checksum mismatch for vc_syncer-amd64.tar on this machine", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Folder("ctrlplane"), "vc_syncer-amd64.tar")));
    }

    [Fact]
    public async Task Fetch_ImagesTheCacheAlreadyHolds_AreNotFetched_TheOthersAre_AndTheBuildHostIsCleanedUp()
    {
        // Given three built tars on the build host, of which the controller's cache already holds the manager's
        var built = await TarsAsync(Folder("build"));
        const string runSuffix = "vclab-run";
        foreach (var image in built.Images)
        {
            File.Copy(built.PathOf(image), $"{built.PathOf(image)}.{runSuffix}");
        }

        var manager = built.Images.Single(image => image.Component == "manager");
        File.Copy(built.PathOf(manager), Path.Combine(Folder("cache"), manager.TarName));
        var context = Context();
        context.Publish(new BuiltImages(built, runSuffix, new HashSet<string> { "manager" }));

        // When the tars are fetched
        var result = await new FetchImagesStage(new LocalHostAccess(), NullLogger<FetchImagesStage>.Instance).ExecuteAsync(context, Token);

        // Then two are fetched, the cache holds all three with their checksums (and a bundle.json naming them),
        // and this run's copies of the fetched ones are gone from the build host
        Assert.True(result.Changed);
        Assert.StartsWith("2 of 3 tars fetched", result.Summary, StringComparison.Ordinal);
        Assert.Contains("(1 already there with the same image ID)", result.Summary, StringComparison.Ordinal);
        var cached = await ImageBundle.ReadAsync(Folder("cache"), Components, Token);
        foreach (var image in cached.Images)
        {
            Assert.Equal(image.Sha256, await Checksums.OfLocalFileAsync(cached.PathOf(image), Token));
        }

        Assert.False(File.Exists($"{built.PathOf(built.Images.Single(image => image.Component == "syncer"))}.{runSuffix}"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    /// <summary>A tar of random bytes per component in the folder, with the checksum a bundle records.</summary>
    private static async Task<ImageSet> TarsAsync(string folder)
    {
        var images = new List<ComponentImage>();
        foreach (var component in Components)
        {
            var tar = Path.Combine(folder, ComponentImage.TarNameOf(component));
            await File.WriteAllBytesAsync(tar, RandomNumberGenerator.GetBytes(64 * 1024), Token);
            images.Add(new ComponentImage(component, $"virtualcluster/{component}-amd64:test", $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(component)))}", ComponentImage.TarNameOf(component), await Checksums.OfLocalFileAsync(tar, Token)));
        }

        return new ImageSet(images, folder);
    }

    private InstallContext Context()
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.Images.LocalCacheDir = Folder("cache");
        settings.Images.CtrlplaneCacheDir = Folder("ctrlplane");
        settings.Build.SourceDir = Path.Combine(_root.FullName, "source");
        return new InstallContext(settings);
    }
}
