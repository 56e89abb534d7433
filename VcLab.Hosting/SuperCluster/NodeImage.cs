using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>An image side-loaded into every node's containerd: its docker-save tar, and the name it must also carry (or null).</summary>
public sealed record NodeImage(string Name, byte[] Tar, string? Alias = null)
{
    /// <summary>An image of the local engine as a docker-save tar, ready for <see cref="NodeBootstrapper.ImportAsync"/>.</summary>
    public static async Task<NodeImage> SaveAsync(IImageEngine images, string image, CancellationToken cancellationToken, string? alias = null)
    {
        var tar = Path.Combine(Path.GetTempPath(), $"vclab-image-{Guid.NewGuid():N}.tar");
        try
        {
            await images.SaveAsync(image, tar, cancellationToken);
            return new NodeImage(image, await File.ReadAllBytesAsync(tar, cancellationToken), alias);
        }
        finally
        {
            File.Delete(tar);
        }
    }
}
