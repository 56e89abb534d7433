using System.Text.Json;

namespace VcLab.Installer.Images;

/// <summary>
/// The controller's cache of the last good image bundle (virtualcluster_local_cache_dir): the tars and a
/// bundle.json naming each image, its ID and checksum. Used when not building from source.
/// </summary>
public static class ImageBundle
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
                $"No image bundle in virtualcluster_local_cache_dir ({manifest} is missing). Build from source " +
                "(virtualcluster_build_from_source: true) once, or put the vc_*-amd64.tar files and their bundle.json there.", manifest);
        }

        var images = JsonSerializer.Deserialize<List<ComponentImage>>(await File.ReadAllTextAsync(manifest, cancellationToken)) ?? [];
        var missing = components.Where(component => images.All(image => image.Component != component)).ToList();
        return missing.Count > 0
            ? throw new InvalidOperationException($"The image bundle {manifest} has no image for {string.Join(", ", missing)}.")
            : new ImageSet([.. images.Where(image => components.Contains(image.Component))], directory);
    }
}
