using VcLab.Installer.Options;

namespace VcLab.Installer.Images;

/// <summary>
/// The tars that the controller's cache (virtualcluster_local_cache_dir) holds as its bundle.json records them, each
/// checked against its checksum: what a run need not save, fetch or copy again.
/// </summary>
internal static class ControllerCache
{
    /// <summary>The cached images by component, only those whose tar is there with the recorded checksum (the tars hashed at once).</summary>
    public static async Task<IReadOnlyDictionary<string, ComponentImage>> VerifiedAsync(InstallerSettings settings, CancellationToken cancellationToken)
    {
        var directory = InstallerSettings.ExpandHome(settings.Images.LocalCacheDir);
        var images = await ImageBundle.ReadImagesAsync(Path.Combine(directory, ImageBundle.ManifestFile), cancellationToken);
        var intact = await Task.WhenAll(images.Select(image => Task.Run(() => IntactAsync(Path.Combine(directory, image.TarName), image.Sha256, cancellationToken), cancellationToken)));
        var verified = new Dictionary<string, ComponentImage>(StringComparer.Ordinal);
        foreach (var image in images.Where((_, index) => intact[index]))
        {
            verified[image.Component] = image;
        }

        return verified;
    }

    private static async Task<bool> IntactAsync(string tar, string sha256, CancellationToken cancellationToken) =>
        File.Exists(tar) && await Checksums.OfLocalFileAsync(tar, cancellationToken) == sha256;
}
