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
