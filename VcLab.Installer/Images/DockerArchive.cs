using System.Formats.Tar;
using System.Text.Json;

namespace VcLab.Installer.Images;

/// <summary>What a <c>docker save</c> archive says about its image: its ID (the config's digest) and its names.</summary>
internal sealed record DockerArchive(string ImageId, IReadOnlyList<string> RepoTags)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record ManifestEntry(string Config, List<string>? RepoTags);

    /// <summary>Reads the archive's manifest.json; an InvalidDataException says why the file is not a docker-save archive.</summary>
    public static DockerArchive Read(string path)
    {
        using var file = File.OpenRead(path);
        TarReader reader;
        try
        {
            reader = new TarReader(file);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.Name is "manifest.json" or "./manifest.json" && entry.DataStream is { } data)
                {
                    var manifest = JsonSerializer.Deserialize<List<ManifestEntry>>(data, JsonOptions);
                    if (manifest is not [{ Config.Length: > 0 } image])
                    {
                        throw new InvalidDataException($"{path}: manifest.json must describe exactly one image.");
                    }

                    // docker 25+ names the config blobs/sha256/HEX; older versions HEX.json. Whatever else it says is refused:
                    // the ID reaches scripts on the hosts.
                    var hex = Path.GetFileName(image.Config).Replace(".json", string.Empty, StringComparison.Ordinal);
                    return ComponentImage.IsImageId($"sha256:{hex}")
                        ? new DockerArchive($"sha256:{hex}", image.RepoTags ?? [])
                        : throw new InvalidDataException(
                            $"{path}: its manifest.json names the image's config '{new string([.. image.Config.Take(80).Select(c => char.IsControl(c) ? '?' : c)])}', " +
                            "which is not a sha256 digest (HEX.json or blobs/sha256/HEX): not a docker-save archive VcLab can use; nothing was run with it.");
                }
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException or EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a docker-save archive ({exception.Message}).", exception);
        }

        throw new InvalidDataException($"{path} is not a docker-save archive: it has no manifest.json.");
    }

    /// <summary>Whether the archive names the image (docker save writes "name:tag" without docker.io/).</summary>
    public bool Names(string image)
    {
        static string Normal(string name)
        {
            var bare = name.StartsWith("docker.io/", StringComparison.Ordinal) ? name["docker.io/".Length..] : name;
            return bare[(bare.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal) ? bare : $"{bare}:latest";
        }

        return RepoTags.Any(tag => Normal(tag) == Normal(image));
    }
}
