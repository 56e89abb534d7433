using System.Security.Cryptography;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Hosts;

/// <summary>
/// The controller's own record of SSH host keys (virtualcluster_ssh_keyscan_enabled true): a key seen first is
/// pinned, the same key is accepted, a changed key is refused. The file holds "host sha256-fingerprint" lines and is
/// shared by every install of the user: it is read and written under an exclusive lock on a file beside it (two runs
/// pinning at once take turns), replaced in one rename (a reader never sees half of it), and a host listed twice with
/// the same key (as an older VcLab could leave it) is accepted.
/// </summary>
internal sealed class HostKeyPins(string path, TimeProvider time)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockInterval = TimeSpan.FromMilliseconds(50);
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    /// <summary>True when the key is the pinned one or the host was unknown (and is now pinned).</summary>
    public bool Accept(string host, byte[] hostKey)
    {
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(hostKey)).TrimEnd('=');
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var exclusive = LockFile();
            var pins = Read();
            if (pins.TryGetValue(host, out var pinned))
            {
                return pinned.All(key => key == fingerprint);
            }

            var next = $"{Path}.new-{Guid.NewGuid():N}";
            try
            {
                File.WriteAllLines(next, [.. File.Exists(Path) ? File.ReadAllLines(Path) : [], $"{host} {fingerprint}"]);
                File.Move(next, Path, overwrite: true);
            }
            finally
            {
                File.Delete(next);
            }

            return true;
        }
    }

    /// <summary>
    /// An exclusive lock on <c>PATH.lock</c> (flock, held while the stream is open), waited for up to 30 s. SSH.NET asks
    /// for a host key's verdict in a callback that cannot be awaited, so this thread waits for its turn.
    /// </summary>
    private FileStream LockFile()
    {
        FileStream? locked = null;
        Wait.UntilAsync($"the lock on {Path}.lock (another run is pinning a host key)", _ =>
        {
            try
            {
                locked = new FileStream($"{Path}.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Task.FromResult(Wait.Probe.Ready("held"));
            }
            catch (IOException exception)
            {
                return Task.FromResult(Wait.Probe.Waiting(exception.Message));
            }
        }, LockTimeout, LockInterval, time, CancellationToken.None).GetAwaiter().GetResult();
        return locked!;
    }

    private Dictionary<string, List<string>> Read() =>
        File.Exists(Path)
            ? File.ReadAllLines(Path)
                .Select(line => line.Split(' ', 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0], parts => parts[1], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal)
            : [];
}
