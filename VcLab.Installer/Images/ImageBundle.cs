using System.Text.Json;

namespace VcLab.Installer.Images;

/// <summary>
/// A folder of image tars with a bundle.json naming each image, its ID and checksum (the last good bundle is one).
/// </summary>
internal static class ImageBundle
{
    public const string ManifestFile = "bundle.json";

    /// <summary>Writes bundle.json beside its place and renames it into it: a reader (another run) never sees half a file.</summary>
    public static async Task WriteAsync(ImageSet set, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(set.Directory);
        var manifest = Path.Combine(set.Directory, ManifestFile);
        var next = $"{manifest}.new-{Guid.NewGuid():N}";
        try
        {
            await File.WriteAllTextAsync(next, JsonSerializer.Serialize(set.Images), cancellationToken);
            File.Move(next, manifest, overwrite: true);
        }
        finally
        {
            File.Delete(next);
        }
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
    /// <remarks>Each one is checked (<see cref="ComponentImage.Validated"/>): what the file says reaches the hosts' shells.</remarks>
    public static async Task<IReadOnlyList<ComponentImage>> ReadImagesAsync(string manifest, CancellationToken cancellationToken)
    {
        if (!File.Exists(manifest))
        {
            return [];
        }

        List<ComponentImage>? images;
        try
        {
            images = JsonSerializer.Deserialize<List<ComponentImage>>(await File.ReadAllTextAsync(manifest, cancellationToken));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{manifest} is not a bundle.json VcLab wrote ({exception.Message}). Remove it, and the next run writes it anew.", exception);
        }

        return [.. (images ?? []).Select(image => image.Validated(manifest))];
    }
}
