using System.Globalization;

namespace VcLab.Hosting.Processes;

/// <summary>Which local process listens on a TCP port (Linux: /proc/net/tcp{,6} and /proc/PID/fd), for error messages.</summary>
internal static class PortOwner
{
    private const string Listen = "0A";
    private static readonly string[] SocketTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>"NAME (pid N)" of the process listening on <paramref name="port"/>, or null when it cannot be told.</summary>
    public static string? Describe(int port)
    {
        try
        {
            var inodes = SocketTables
                .Where(File.Exists)
                .SelectMany(File.ReadLines)
                .Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length > 9 && fields[3] == Listen && LocalPort(fields[1]) == port)
                .Select(fields => $"socket:[{fields[9]}]")
                .ToHashSet();
            return inodes.Count == 0 ? null : FindProcess(inodes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int LocalPort(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string? FindProcess(HashSet<string> sockets)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(dir => int.TryParse(Path.GetFileName(dir), out _)))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target)))
                {
                    return $"{File.ReadAllText(Path.Combine(process, "comm")).Trim()} (pid {Path.GetFileName(process)})";
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended, or is not ours to look at.
            }
        }

        return null;
    }
}
