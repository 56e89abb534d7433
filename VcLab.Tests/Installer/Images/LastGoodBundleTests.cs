using VcLab.Installer.Images;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Images;

/// <summary>The last good bundle on this machine's file system: promoted whole or not at all.</summary>
public sealed class LastGoodBundleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _cache = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-cache-");

    [Fact]
    public async Task Promote_ThenReadBack_ThenAgain_IsUnchanged()
    {
        var set = await TarsAsync("one");

        Assert.True(await LastGoodBundle.PromoteAsync(set, _cache, Token));
        var read = await LastGoodBundle.ReadAsync(_cache, ["manager", "syncer"], Token);
        Assert.False(await LastGoodBundle.PromoteAsync(set, _cache, Token));

        Assert.Equal(set.Images, read.Images);
        Assert.Equal("one manager", await File.ReadAllTextAsync(read.PathOf(read.Images[0]), Token));
    }

    [Fact]
    [Fault]
    public async Task Promote_ATarThatCannotBeCopied_LeavesThePreviousLastGoodBundle()
    {
        // Given a last good bundle, then a new set one of whose tars is gone before it is promoted
        await LastGoodBundle.PromoteAsync(await TarsAsync("old"), _cache, Token);
        var next = await TarsAsync("new");
        File.Delete(next.PathOf(next.Images[1]));

        // When it is promoted
        var error = await Assert.ThrowsAnyAsync<IOException>(() => LastGoodBundle.PromoteAsync(next, _cache, Token));

        // Then it says so, and the last good bundle is the old one, whole
        Assert.Contains("The previous last good bundle is unchanged", error.Message, StringComparison.Ordinal);
        var read = await LastGoodBundle.ReadAsync(_cache, ["manager", "syncer"], Token);
        Assert.Equal("old syncer", await File.ReadAllTextAsync(read.PathOf(read.Images[1]), Token));
        Assert.Single(Directory.GetDirectories(Path.Combine(_cache, "bundles")));
    }

    [Fact]
    public async Task Promote_WhileAnotherRunHoldsTheOldBundle_KeepsIt_AndTheNextPromotionRemovesIt()
    {
        // Given a last good bundle that another run is distributing (it holds it)
        await LastGoodBundle.PromoteAsync(await TarsAsync("first"), _cache, Token);
        var first = LastGoodBundle.DirectoryOf(_cache)!;
        var hold = LastGoodBundle.Hold(first);

        // When this run promotes its own images
        await LastGoodBundle.PromoteAsync(await TarsAsync("second"), _cache, Token);

        // Then the held bundle is still whole, and the new one is the last good bundle
        Assert.True(File.Exists(Path.Combine(first, ComponentImage.TarNameOf("syncer"))));
        Assert.NotEqual(first, LastGoodBundle.DirectoryOf(_cache));

        // And once it is let go, the next promotion removes every older bundle
        hold!.Dispose();
        await LastGoodBundle.PromoteAsync(await TarsAsync("third"), _cache, Token);
        Assert.Equal([LastGoodBundle.DirectoryOf(_cache)], Directory.GetDirectories(Path.Combine(_cache, "bundles")));
    }

    [Fact]
    [BadInput]
    public async Task Read_BundleJsonThatHidesACommand_IsRefusedNamingTheFile()
    {
        // Given a last good bundle whose bundle.json was edited to carry a command in an image ID
        await LastGoodBundle.PromoteAsync(await TarsAsync("edited"), _cache, Token);
        var manifest = Path.Combine(LastGoodBundle.DirectoryOf(_cache)!, ImageBundle.ManifestFile);
        var text = await File.ReadAllTextAsync(manifest, Token);
        await File.WriteAllTextAsync(manifest, System.Text.RegularExpressions.Regex.Replace(text, "sha256:[0-9a-f]{64}", "sha256:x'; touch /tmp/pwned; '"), Token);

        // When it is read
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LastGoodBundle.ReadAsync(_cache, ["manager", "syncer"], Token));

        // Then it is refused, naming the file and what is wrong
        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not sha256: and 64 hex digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Read_NoBundle_SaysHowToMakeOne()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => LastGoodBundle.ReadAsync(_cache, ["manager"], Token));

        Assert.Contains("No last good image bundle", error.Message, StringComparison.Ordinal);
        Assert.Contains("virtualcluster_manager_image_tar", error.Message, StringComparison.Ordinal);
    }

    private static async Task<ImageSet> TarsAsync(string content)
    {
        var folder = TestFolders.Create("vclab-run-");
        var images = new List<ComponentImage>();
        foreach (var component in new[] { "manager", "syncer" })
        {
            var tar = Path.Combine(folder, ComponentImage.TarNameOf(component));
            await File.WriteAllTextAsync(tar, $"{content} {component}", Token);
            images.Add(new ComponentImage(component, $"virtualcluster/{component}-amd64:latest", $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))}", ComponentImage.TarNameOf(component), await Checksums.OfLocalFileAsync(tar, Token)));
        }

        return new ImageSet(images, folder);
    }
}
