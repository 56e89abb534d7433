using System.Text.Json;

namespace VcLab.Installer.Images;

/// <summary>
/// A folder of image tars with a bundle.json naming each image, its ID and checksum (the last good bundle is one).
/// </summary>
internal static class ImageBundle
{
    public const string ManifestFile = "bundle.json";

    public static async Task WriteAsync(ImageSet set, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(set.Directory);
        await File.WriteAllTextAsync(Path.Combine(set.Directory, ManifestFile), JsonSerializer.Serialize(set.Images), cancellationToken);
    }

    public static async Task<ImageSet> ReadAsync(string directory, IReadOnlyList<string> components, CancellationToken cancellationToken)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException(
                $"No last good image bundle ({manifest} is missing): an install promotes its images there once deploy-manager " +
                "and verify have passed with them. Build from source (virtualcluster_build_from_source: true) once, or give " +
                "docker-save tars (virtualcluster_manager_image_tar, virtualcluster_syncer_image_tar, virtualcluster_vn_agent_image_tar).", manifest);
        }

        var images = await ReadImagesAsync(manifest, cancellationToken);
        var missing = components.Where(component => images.All(image => image.Component != component)).ToList();
        return missing.Count > 0
            ? throw new InvalidOperationException($"The image bundle {manifest} has no image for {string.Join(", ", missing)}.")
            : new ImageSet([.. images.Where(image => components.Contains(image.Component))], directory);
    }

    /// <summary>Every image that the bundle.json names (none when the file is absent).</summary>
    public static async Task<IReadOnlyList<ComponentImage>> ReadImagesAsync(string manifest, CancellationToken cancellationToken) =>
        File.Exists(manifest)
            ? JsonSerializer.Deserialize<List<ComponentImage>>(await File.ReadAllTextAsync(manifest, cancellationToken)) ?? []
            : [];
}
