namespace VcLab.Hosting;

/// <summary>
/// What the AppHost's lab keeps across its restarts under its name, as an Aspire resource keeps its data volume: the
/// installer's controller image cache (<c>~/.vclab/caches/NAME/vc-images-cache</c>) and the build container's checkout
/// (Docker volume <c>NAME-build-src</c>). Ctrl+C removes the cluster and its state folder but not these, so the next
/// start neither saves nor fetches the same images again nor rebuilds the same binaries. Test labs, named afresh each
/// time, keep their cache in their state folder instead. Remove them with <c>rm -rf ~/.vclab/caches/NAME</c> and
/// <c>docker volume rm NAME-build-src</c>.
/// </summary>
public static class LabCaches
{
    /// <summary>The installer's controller image cache (virtualcluster_local_cache_dir) for the lab of that name.</summary>
    public static string ControllerImages(string labName) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vclab", "caches", labName, "vc-images-cache");

    /// <summary>The Docker volume that holds the lab's build container's checkout and its built binaries.</summary>
    public static string SourceVolume(string labName) => $"{labName}-build-src";

    /// <summary>Removes both (what a test lab that used them, or a user starting over, does).</summary>
    public static async Task RemoveAsync(Docker.IContainerEngine containers, string labName, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(ControllerImages(labName))!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        await containers.RemoveVolumeAsync(SourceVolume(labName), cancellationToken);
    }

    /// <summary>
    /// Forgets the control plane's pinned SSH host key in the lab's controller cache: the cluster was created anew, and
    /// its nodes' keys come from the node image, which may have been rebuilt since.
    /// </summary>
    public static void ForgetHostKeys(string labName)
    {
        var pins = Path.Combine(ControllerImages(labName), "known_hosts");
        if (File.Exists(pins))
        {
            File.Delete(pins);
        }
    }
}
