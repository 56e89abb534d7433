using System.Security.Cryptography;
using System.Text;

namespace VcLab.Installer.Images;

/// <summary>
/// The last good image bundle in the controller's cache (virtualcluster_local_cache_dir): the tars and bundle.json of
/// the last images that were deployed and verified, in <c>bundles/ID/</c>, and the file <c>last-good</c> naming that
/// folder. It is what an install without a build uses (virtualcluster_build_from_source: false). A bundle is promoted
/// whole or not at all: its tars are copied into a folder of their own and checked, and only then is <c>last-good</c>
/// replaced, in one rename.
/// </summary>
internal static class LastGoodBundle
{
    public const string PointerFile = "last-good";
    private const string BundlesFolder = "bundles";

    /// <summary>The folder of the last good bundle, or null when there is none.</summary>
    public static string? DirectoryOf(string cacheDir)
    {
        var pointer = Path.Combine(cacheDir, PointerFile);
        return File.Exists(pointer) ? Path.Combine(cacheDir, File.ReadAllText(pointer).Trim()) : null;
    }

    public static Task<ImageSet> ReadAsync(string cacheDir, IReadOnlyList<string> components, CancellationToken cancellationToken) =>
        ImageBundle.ReadAsync(DirectoryOf(cacheDir) ?? Path.Combine(cacheDir, PointerFile), components, cancellationToken);

    /// <summary>Makes the set the last good bundle; false when it already is.</summary>
    public static async Task<bool> PromoteAsync(ImageSet set, string cacheDir, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', set.Images.Select(image => $"{image.Image} {image.Sha256}")))))[..16];
        var relative = $"{BundlesFolder}/{id}";
        var bundle = Path.Combine(cacheDir, relative);
        if (Directory.Exists(bundle) && DirectoryOf(cacheDir) == bundle)
        {
            return false;
        }

        try
        {
            if (!Directory.Exists(bundle))
            {
                await WriteBundleAsync(set, bundle, cancellationToken);
            }

            var pointer = Path.Combine(cacheDir, PointerFile);
            var next = $"{pointer}.new-{Guid.NewGuid():N}";
            await File.WriteAllTextAsync(next, relative + "\n", cancellationToken);
            File.Move(next, pointer, overwrite: true);
        }
        catch (IOException exception)
        {
            throw new IOException($"The images were not promoted to the last good bundle in {cacheDir}: {exception.Message} The previous last good bundle is unchanged.", exception);
        }

        foreach (var old in Directory.EnumerateDirectories(Path.Combine(cacheDir, BundlesFolder)).Where(path => path != bundle))
        {
            Directory.Delete(old, recursive: true);
        }

        return true;
    }

    /// <summary>The tars copied and checked into a folder beside the bundle's, which is renamed into place only when whole.</summary>
    private static async Task WriteBundleAsync(ImageSet set, string bundle, CancellationToken cancellationToken)
    {
        var partial = $"{bundle}.partial-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(partial);
            foreach (var image in set.Images)
            {
                var copy = Path.Combine(partial, image.TarName);
                File.Copy(set.PathOf(image), copy);
                Checksums.Verify(image, await Checksums.OfLocalFileAsync(copy, cancellationToken), $"the last good bundle being written ({copy})");
            }

            await ImageBundle.WriteAsync(set with { Directory = partial }, cancellationToken);
            Directory.Move(partial, bundle);
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }
}
