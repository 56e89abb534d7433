using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Bench;

/// <summary>
/// What a first run of the lab would not find on a machine VcLab has never run on: the base image, the images VcLab
/// built, the Go build cache, the lab's checkout and its cached tars. The cold run times a start only where none of them
/// is left; it removes none of them itself (they are the user's caches), it names them and how to remove them.
/// </summary>
internal static class ColdMachine
{
    /// <summary>Each cache found (what it is, and the command that removes it); empty on a cold machine.</summary>
    public static async Task<IReadOnlyList<(string What, string Remove)>> FindCachesAsync(BenchLab lab, string labName, CancellationToken cancellationToken)
    {
        var found = new List<(string What, string Remove)>();
        if (await lab.Images.FindImageIdAsync(BaseImageProvider.DefaultReference, cancellationToken) is not null)
        {
            found.Add(($"the base image {BaseImageProvider.DefaultReference}", $"docker image rm {BaseImageProvider.DefaultReference}"));
        }

        // Images built FROM one of VcLab's inherit its label: only the lab's own repositories count.
        var built = (await lab.Images.ListTagsByLabelAsync(LabImageBuilder.InputsHashLabel, cancellationToken))
            .Where(tag => tag.StartsWith("vclab/", StringComparison.Ordinal))
            .ToList();
        if (built.Count > 0)
        {
            found.Add((
                $"{built.Count} images VcLab built ({string.Join(", ", built.Take(3))}{(built.Count > 3 ? ", ..." : "")})",
                $"docker image ls --filter label={LabImageBuilder.InputsHashLabel} --format '{{{{.Repository}}}}:{{{{.Tag}}}}' | grep '^vclab/' | xargs -r docker image rm"));
        }

        foreach (var volume in new[] { BuildContainerLauncher.DefaultGoCacheVolume, LabCaches.SourceVolume(labName) })
        {
            if (await lab.Containers.VolumeExistsAsync(volume, cancellationToken))
            {
                found.Add(($"the Docker volume {volume}", $"docker volume rm {volume}"));
            }
        }

        foreach (var folder in new[] { LabCaches.LabFolder(labName), NodeImage.CacheDirectory })
        {
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                found.Add(($"the folder {folder}", $"rm -r {folder}"));
            }
        }

        return found;
    }
}
