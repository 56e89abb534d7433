using VcLab.Installer.Options;

namespace VcLab.Installer.Images;

/// <summary>
/// The tars that the controller's cache (virtualcluster_local_cache_dir) holds as its bundle.json records them, each
/// checked against its checksum: what a run need not save, fetch or copy again.
/// </summary>
internal static class ControllerCache
{
    /// <summary>The cached images by component, only those whose tar is there with the recorded checksum.</summary>
    public static async Task<IReadOnlyDictionary<string, ComponentImage>> VerifiedAsync(InstallerSettings settings, CancellationToken cancellationToken)
    {
        var directory = InstallerSettings.ExpandHome(settings.Images.LocalCacheDir);
        var verified = new Dictionary<string, ComponentImage>(StringComparer.Ordinal);
        foreach (var image in await ImageBundle.ReadImagesAsync(Path.Combine(directory, ImageBundle.ManifestFile), cancellationToken))
        {
            var tar = Path.Combine(directory, image.TarName);
            if (File.Exists(tar) && await Checksums.OfLocalFileAsync(tar, cancellationToken) == image.Sha256)
            {
                verified[image.Component] = image;
            }
        }

        return verified;
    }
}
