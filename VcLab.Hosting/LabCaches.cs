using VcLab.Installer;

namespace VcLab.Hosting;

/// <summary>
/// What the AppHost's lab keeps across its restarts under its name, as an Aspire resource keeps its data volume: the
/// installer's controller image cache (<c>~/.vclab/caches/NAME/vc-images-cache</c>) and the build container's checkout
/// (Docker volume <c>NAME-build-src</c>). Ctrl+C removes the cluster and its state folder but not these, so the next
/// start neither saves nor fetches the same images again nor rebuilds the same binaries. Test labs, named afresh each
/// time, keep their cache in their state folder instead. Remove them with <c>rm -rf ~/.vclab/caches/NAME</c> and
/// <c>docker volume rm NAME-build-src</c>.
/// </summary>
internal static class LabCaches
{
    /// <summary>Where every lab's caches are kept, a folder per lab: <c>~/.vclab/caches</c>.</summary>
    public static string Root => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vclab", "caches");

    /// <summary>
    /// The installer's controller image cache (virtualcluster_local_cache_dir) for the lab of that name, its lab folder
    /// made and marked as VcLab's when missing.
    /// </summary>
    public static string ControllerImages(string labName)
    {
        var lab = LabFolder(labName);
        OwnedFolder.Create(lab, $"the caches of the lab '{labName}'");
        return Path.Combine(lab, "vc-images-cache");
    }

    /// <summary>The Docker volume that holds the lab's build container's checkout and its built binaries.</summary>
    public static string SourceVolume(string labName) => $"{ValidName(labName)}-build-src";

    /// <summary>The lab's folder under <see cref="Root"/> (its controller image cache is inside), for a valid lab name only.</summary>
    internal static string LabFolder(string labName) => Path.Combine(Root, ValidName(labName));

    private static string ValidName(string labName) =>
        SuperCluster.SuperClusterOptions.NameProblem(labName) is { } problem ? throw new ArgumentException(problem, nameof(labName)) : labName;

    /// <summary>
    /// Removes both (what a test lab that used them, or a user starting over, does): the folder only when it carries
    /// VcLab's marker, and nothing at all for a name that is not a lab's (an empty name would be every lab's caches).
    /// </summary>
    public static async Task RemoveAsync(Docker.IContainerEngine containers, string labName, CancellationToken cancellationToken)
    {
        OwnedFolder.Delete(LabFolder(labName), parent: Root);
        await containers.RemoveVolumeAsync(SourceVolume(labName), cancellationToken);
    }

    /// <summary>
    /// Forgets the control plane's pinned SSH host key in the lab's controller cache: the cluster was created anew, and
    /// its nodes' keys come from the node image, which may have been rebuilt since.
    /// </summary>
    public static void ForgetHostKeys(string labName)
    {
        var pins = Path.Combine(LabFolder(labName), "vc-images-cache", "known_hosts");
        if (File.Exists(pins))
        {
            File.Delete(pins);
        }
    }
}
