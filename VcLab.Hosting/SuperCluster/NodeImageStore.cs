using System.Security.Cryptography;
using System.Text;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Nodes;
using VcLab.Installer.Waiting;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// A node's containerd store with the side-loaded images already imported, pinned and unpacked, as kind's node images
/// carry theirs: an archive of a throwaway node's /var/lib/containerd, made once per node image and set of images and
/// kept in the node-image cache. Every node of a lab unpacks it before its containerd starts (a second or two) instead
/// of importing each image (seconds of CPU per image and node). It holds each image unpacked and not its layers' blobs
/// as well (<see cref="DiscardUnpackedLayers"/>): a node's containerd store is in memory.
/// </summary>
internal sealed record NodeImageStore(string Key)
{
    /// <summary>Marks the throwaway node that makes a store, with the store's key as its value.</summary>
    public const string Label = "vclab.node-image-store";

    private const string OutputPath = "/vclab/store-out";

    /// <summary>What a store is made of besides its inputs: a store made another way is made again.</summary>
    private const string Layout = "unpacked, layer blobs discarded";

    /// <summary>
    /// Removes the blobs of the layers the imports unpacked (the manifests name them in their garbage-collection labels),
    /// as containerd's <c>discard_unpacked_layers</c> does for the images the kubelet pulls: containers run from the
    /// unpacked snapshots, which are kept with the manifests and configs. Each node's store is half the size (it lives in
    /// the node's memory) and half the bytes to unpack at its start. No layer found means the imports did not go as
    /// expected: the store is not made.
    /// </summary>
    private const string DiscardUnpackedLayers =
        "set -e; layers=$(ctr -n k8s.io content ls | grep -o 'containerd.io/gc.ref.content.l\\.[0-9]*=sha256:[0-9a-f]*' | cut -d= -f2 | sort -u); " +
        "[ -n \"$layers\" ] || { echo 'no unpacked layer found in the imported images' >&2; exit 1; }; " +
        "for layer in $layers; do ctr -n k8s.io content rm \"$layer\" >/dev/null; done";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The archive's name in the node-image cache.</summary>
    public string FileName => $"{Key}.containerd.tar";

    /// <summary>The archive as a node sees it.</summary>
    public string PathInNode => $"{NodeImage.MountPath}/{FileName}";

    /// <summary>The archive on this machine.</summary>
    public string PathOnHost => Path.Combine(NodeImage.CacheDirectory, FileName);

    /// <summary>The store of these images for nodes of this node image: the cached one, or one made now.</summary>
    public static async Task<NodeImageStore> EnsureAsync(
        IContainerEngine containers, IImageEngine images, string nodeImage, IReadOnlyList<NodeImage> nodeImages, TimeProvider time, CancellationToken cancellationToken)
    {
        var nodeImageId = await images.FindImageIdAsync(nodeImage, cancellationToken)
            ?? throw new SuperClusterException($"The node image {nodeImage} is not in the Docker engine: no containerd store can be made for it.");
        var store = new NodeImageStore(KeyOf(nodeImageId, nodeImages));
        if (File.Exists(store.PathOnHost))
        {
            File.SetLastWriteTimeUtc(store.PathOnHost, time.GetUtcNow().UtcDateTime);
            return store;
        }

        // One maker at a time on this machine (another lab or test run may be making the same store): the second finds it made.
        using var gate = await LockAsync(time, cancellationToken);
        if (!File.Exists(store.PathOnHost))
        {
            NodeImage.RemoveUnused(NodeImage.CacheDirectory, time.GetUtcNow().UtcDateTime);
            await store.MakeAsync(containers, nodeImage, nodeImages, time, cancellationToken);
        }

        return store;
    }

    /// <summary>What a store depends on: its layout, the node image (its containerd and configuration) and each image with its alias.</summary>
    internal static string KeyOf(string nodeImageId, IEnumerable<NodeImage> nodeImages)
    {
        var inputs = string.Join('\n', [Layout, nodeImageId, .. nodeImages.Select(image => $"{image.FileName} {image.Alias}")]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs)))[..20];
    }

    /// <summary>
    /// An exclusive lock on the cache's <c>.store.lock</c> (flock, so it is let go when its process ends however it
    /// ends), waited for while another process or lab holds it.
    /// </summary>
    private static async Task<FileStream> LockAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var path = Path.Combine(NodeImage.CacheDirectory, ".store.lock");
        FileStream? held = null;
        await Wait.UntilAsync($"{path} is free (another lab on this machine is making the nodes' containerd store)", _ =>
        {
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Task.FromResult(Wait.Probe.Ready("held"));
            }
            catch (IOException)
            {
                return Task.FromResult(Wait.Probe.Waiting("held by another process"));
            }
        }, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(500), time, cancellationToken);
        return held!;
    }

    /// <summary>
    /// Imports the images into a throwaway node, removes their unpacked layers' blobs, stops its containerd and archives
    /// the store beside its place in the cache, then renames it in. The node is removed whatever happens; one left by a
    /// run that was killed is removed first (found by its label: under the lock, no other maker is running).
    /// </summary>
    private async Task MakeAsync(IContainerEngine containers, string nodeImage, IReadOnlyList<NodeImage> nodeImages, TimeProvider time, CancellationToken cancellationToken)
    {
        foreach (var leftover in await containers.ListByLabelAsync(Label, Key, cancellationToken))
        {
            await containers.RemoveAsync(leftover, cancellationToken);
        }

        var spec = NodeContainerSpec.Create($"vclab-node-image-store-{Key}", nodeImage, network: string.Empty, sshUser: string.Empty, sshPublicKey: string.Empty);
        spec = spec with
        {
            Network = null,
            Labels = new Dictionary<string, string>(spec.Labels) { [Label] = Key },
            Binds = [.. spec.Binds, $"{NodeImage.CacheDirectory}:{OutputPath}:rw"],
        };
        var partial = $"{FileName}.partial-{Guid.NewGuid():N}";
        string? container = null;
        try
        {
            container = await containers.RunAsync(spec, cancellationToken);
            await NodeReadiness.WaitAsync(containers, container, StartTimeout, time, cancellationToken);
            foreach (var image in nodeImages)
            {
                await RunAsync(containers, container, image.ImportCommand(), $"importing {image.Name}", cancellationToken);
            }

            await RunAsync(containers, container, DiscardUnpackedLayers, "removing the unpacked layers' blobs", cancellationToken);

            await RunAsync(containers, container,
                "set -e; pkill -x containerd; while pgrep -x containerd >/dev/null; do sleep 0.1; done; " +
                $"tar -C /var/lib/containerd --xattrs --xattrs-include='*' -cf '{OutputPath}/{partial}' .",
                "archiving its containerd store", cancellationToken);
            File.Move(Path.Combine(NodeImage.CacheDirectory, partial), PathOnHost, overwrite: true);
        }
        finally
        {
            File.Delete(Path.Combine(NodeImage.CacheDirectory, partial));
            if (container is not null)
            {
                await containers.RemoveAsync(container, CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(IContainerEngine containers, string container, string script, string what, CancellationToken cancellationToken)
    {
        var result = await containers.ExecAsync(container, ["sh", "-c", script], cancellationToken);
        if (!result.Succeeded)
        {
            throw new SuperClusterException(
                $"Making the nodes' preloaded containerd store {PathOnHost} failed while {what} (exit code {result.ExitCode}): " +
                $"{result.StandardError.Trim()} {result.StandardOutput.Trim()}".TrimEnd() +
                $"{Environment.NewLine}Check the free disk space of {NodeImage.CacheDirectory} and run again.");
        }
    }
}
