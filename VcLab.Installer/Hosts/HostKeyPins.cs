using System.Security.Cryptography;

namespace VcLab.Installer.Hosts;

/// <summary>
/// The controller's own record of SSH host keys (virtualcluster_ssh_keyscan_enabled true): a key seen first is
/// pinned, the same key is accepted, a changed key is refused. The file holds "host sha256-fingerprint" lines.
/// </summary>
internal sealed class HostKeyPins(string path)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    /// <summary>True when the key is the pinned one or the host was unknown (and is now pinned).</summary>
    public bool Accept(string host, byte[] hostKey)
    {
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(hostKey)).TrimEnd('=');
        lock (_gate)
        {
            var pins = Read();
            if (pins.TryGetValue(host, out var pinned))
            {
                return pinned == fingerprint;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            File.AppendAllText(Path, $"{host} {fingerprint}\n");
            return true;
        }
    }

    private Dictionary<string, string> Read() =>
        File.Exists(Path)
            ? File.ReadAllLines(Path).Select(line => line.Split(' ', 2)).Where(parts => parts.Length == 2).ToDictionary(parts => parts[0], parts => parts[1])
            : [];
}
