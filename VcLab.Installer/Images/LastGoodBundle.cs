using System.Security.Cryptography;
using System.Text;

namespace VcLab.Installer.Images;

/// <summary>
/// The last good image bundle in the controller's cache (virtualcluster_local_cache_dir/last-good): the tars and
/// bundle.json of the last images that were deployed and verified. It is what an install without a build uses
/// (virtualcluster_build_from_source: false). A bundle is promoted whole or not at all: its tars are copied into a
/// folder of their own and checked, and only then does <c>last-good</c> (a symbolic link) point at it, in one rename.
/// </summary>
public static class LastGoodBundle
{
    public const string LinkName = "last-good";
    private const string BundlesFolder = "bundles";

    public static string DirectoryOf(string cacheDir) => Path.Combine(cacheDir, LinkName);

    public static Task<ImageSet> ReadAsync(string cacheDir, IReadOnlyList<string> components, CancellationToken cancellationToken) =>
        ImageBundle.ReadAsync(DirectoryOf(cacheDir), components, cancellationToken);

    /// <summary>Makes the set the last good bundle; false when it already is.</summary>
    public static async Task<bool> PromoteAsync(ImageSet set, string cacheDir, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', set.Images.Select(image => $"{image.Image} {image.Sha256}")))))[..16];
        var bundle = Path.Combine(cacheDir, BundlesFolder, id);
        var link = DirectoryOf(cacheDir);
        if (Directory.Exists(bundle) && Path.GetFullPath(new DirectoryInfo(link).ResolveLinkTarget(true)?.FullName ?? string.Empty) == Path.GetFullPath(bundle))
        {
            return false;
        }

        if (!Directory.Exists(bundle))
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
            catch (IOException exception)
            {
                throw new IOException($"The images were not promoted to the last good bundle in {cacheDir}: {exception.Message} The previous last good bundle is unchanged.", exception);
            }
            finally
            {
                if (Directory.Exists(partial))
                {
                    Directory.Delete(partial, recursive: true);
                }
            }
        }

        var newLink = $"{link}.new-{Guid.NewGuid():N}";
        File.CreateSymbolicLink(newLink, Path.Combine(BundlesFolder, id));
        File.Move(newLink, link, overwrite: true);
        foreach (var old in Directory.EnumerateDirectories(Path.Combine(cacheDir, BundlesFolder)).Where(path => Path.GetFileName(path) != id))
        {
            Directory.Delete(old, recursive: true);
        }

        return true;
    }
}
