using System.Security.Cryptography;
using System.Text;
using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// An image side-loaded into nodes' containerd: its docker-save tar in this machine's node-image cache, which every
/// node container mounts read-only (so a tar is saved once per image, not copied into each node), and the name it must
/// also carry (or null).
/// </summary>
public sealed record NodeImage(string Name, string FileName, string? Alias = null)
{
    /// <summary>Where node containers see <see cref="CacheDirectory"/>.</summary>
    public const string MountPath = "/vclab/images";

    private static readonly TimeSpan Unused = TimeSpan.FromDays(7);

    /// <summary>The node-image cache: <c>~/.vclab/node-images</c>, one tar per image name and ID.</summary>
    public static string CacheDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vclab", "node-images");

    /// <summary>The tar as a node sees it.</summary>
    public string PathInNode => $"{MountPath}/{FileName}";

    /// <summary>The tar on this machine.</summary>
    public string PathOnHost => Path.Combine(CacheDirectory, FileName);

    /// <summary>
    /// The shell command that imports the tar into a node's containerd (k8s.io namespace), pinned, under its alias too.
    /// </summary>
    public string ImportCommand()
    {
        var alias = Alias is null
            ? string.Empty
            : $"ctr -n k8s.io images tag --force \"$name\" {Alias}; ctr -n k8s.io images label {Alias} io.cri-containerd.pinned=pinned >/dev/null; ";
        return $"set -e; name=$(ctr -n k8s.io images import '{PathInNode}' | awk '/^unpacking/ {{print $2}}' | head -n 1); " +
            "ctr -n k8s.io images label \"$name\" io.cri-containerd.pinned=pinned >/dev/null; " + alias;
    }

    /// <summary>
    /// The image of the local engine as a docker-save tar in the cache, saved only when the cache has no tar of this
    /// name and image ID (written beside its place and renamed into it). Tars unused for a week (by <paramref name="time"/>,
    /// the machine's clock unless given) are removed.
    /// </summary>
    public static async Task<NodeImage> SaveAsync(IImageEngine images, string image, CancellationToken cancellationToken, string? alias = null, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var id = await images.FindImageIdAsync(image, cancellationToken)
            ?? throw new InvalidOperationException($"The image {image} is not in the Docker engine: it cannot be side-loaded into the nodes.");
        var fileName = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{image} {id}")))[..20]}.tar";
        var saved = new NodeImage(image, fileName, alias);
        Directory.CreateDirectory(CacheDirectory);
        if (File.Exists(saved.PathOnHost))
        {
            File.SetLastWriteTimeUtc(saved.PathOnHost, now);
            return saved;
        }

        RemoveUnused(CacheDirectory, now);
        var partial = $"{saved.PathOnHost}.partial-{Guid.NewGuid():N}";
        try
        {
            await images.SaveAsync(image, partial, cancellationToken);
            File.Move(partial, saved.PathOnHost, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return saved;
    }

    /// <summary>
    /// Removes the <c>*.tar</c> files directly in <paramref name="directory"/> (the cache's image tars and stores, each
    /// touched when a lab uses it) last written more than a week before <paramref name="now"/>; nothing else.
    /// </summary>
    internal static void RemoveUnused(string directory, DateTime now)
    {
        foreach (var tar in Directory.EnumerateFiles(directory, "*.tar").Where(tar => now - File.GetLastWriteTimeUtc(tar) > Unused))
        {
            File.Delete(tar);
        }
    }
}
