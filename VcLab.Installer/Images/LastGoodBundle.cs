using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VcLab.Installer.Images;

/// <summary>
/// The last good image bundle in the controller's cache (virtualcluster_local_cache_dir): the tars and bundle.json of
/// the last images that were deployed and verified, in <c>bundles/ID/</c>, and the file <c>last-good</c> naming that
/// folder. It is what an install without a build uses (virtualcluster_build_from_source: false). A bundle is promoted
/// whole or not at all: its tars are copied into a folder of their own and checked, and only then is <c>last-good</c>
/// replaced, in one rename. The cache is shared by every install of the user: a run that distributes a bundle holds
/// it (a shared lock on its <c>.held</c> file), and a promotion removes only bundles older than its own that no run
/// holds.
/// </summary>
internal static partial class LastGoodBundle
{
    public const string PointerFile = "last-good";
    private const string BundlesFolder = "bundles";
    private const string HeldFile = ".held";

    /// <summary>The folder of the last good bundle, or null when there is none (or the pointer names no bundle of ours).</summary>
    public static string? DirectoryOf(string cacheDir)
    {
        var pointer = Path.Combine(cacheDir, PointerFile);
        var relative = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
        return relative is not null && BundlePointer().IsMatch(relative) ? Path.Combine(cacheDir, relative) : null;
    }

    /// <summary>
    /// Holds a bundle while a run reads it (a shared lock; dispose to let go): a promotion by another run does not remove
    /// it meanwhile. A folder that is not a bundle (no hold possible) is not held.
    /// </summary>
    public static IDisposable? Hold(string bundleDirectory) =>
        Directory.Exists(bundleDirectory) && Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(bundleDirectory))) == BundlesFolder
            ? new FileStream(Path.Combine(bundleDirectory, HeldFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite)
            : null;

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

        RemoveOlderBundles(cacheDir, bundle);
        return true;
    }

    /// <summary>
    /// Removes the bundles older than <paramref name="promoted"/> that are neither the last good one now (another run may
    /// have promoted since) nor held by a run; a folder being written by another run (<c>*.partial-*</c>) is not a bundle.
    /// </summary>
    private static void RemoveOlderBundles(string cacheDir, string promoted)
    {
        var current = DirectoryOf(cacheDir);
        var promotedAt = Directory.GetLastWriteTimeUtc(promoted);
        foreach (var old in Directory.EnumerateDirectories(Path.Combine(cacheDir, BundlesFolder))
            .Where(path => path != promoted && path != current && BundleName().IsMatch(Path.GetFileName(path)) && Directory.GetLastWriteTimeUtc(path) <= promotedAt))
        {
            try
            {
                using var exclusive = new FileStream(Path.Combine(old, HeldFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // Held by a run that is distributing it (or already gone): the next promotion removes it.
            }
        }
    }

    [GeneratedRegex("^bundles/[0-9a-f]{16}$")]
    private static partial Regex BundlePointer();

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex BundleName();

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
