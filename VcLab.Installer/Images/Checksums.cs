using System.Globalization;
using System.Security.Cryptography;
using VcLab.Installer.Hosts;

namespace VcLab.Installer.Images;

/// <summary>SHA-256 of a tar on this machine or on a host; a hop whose checksum differs is an error naming the file.</summary>
internal static class Checksums
{
    public static async Task<string> OfLocalFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>The file's SHA-256 on the host, or null when the file is not there.</summary>
    public static async Task<string?> OnHostAsync(IHostShell host, string path, CancellationToken cancellationToken)
    {
        var result = await host.RunAsync($"test -f {Sh.Quote(path)} && {ShellCommand(Sh.Quote(path))}", cancellationToken);
        return result.Succeeded ? result.Output.Trim() : null;
    }

    /// <summary>
    /// The SHA-256 of each file on the host (null for one that is not there), all computed at once in one command: one
    /// round trip instead of one per file, and the host's cores shared between the files.
    /// </summary>
    public static async Task<IReadOnlyList<string?>> OnHostAsync(IHostShell host, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var script = new System.Text.StringBuilder();
        for (var index = 0; index < paths.Count; index++)
        {
            var path = Sh.Quote(paths[index]);
            script.Append(CultureInfo.InvariantCulture, $"( if [ -f {path} ]; then echo \"vclab-sum-{index}: $({ShellCommand(path)})\"; else echo 'vclab-sum-{index}: -'; fi ) &\n");
        }

        var result = (await host.RunAsync(script.Append("wait\n").ToString(), cancellationToken)).EnsureSuccess();
        return [.. paths.Select((_, index) => result.MarkedFields($"vclab-sum-{index}: ")[0] is var sum && sum is not ("-" or "") ? sum : null)];
    }

    /// <summary>
    /// A shell command printing the SHA-256 (hex) of one file, given as a quoted shell word: openssl where the host has it
    /// (ten times faster than coreutils' sha256sum on a CPU with SHA extensions, which matters for tars of 160 MB),
    /// sha256sum otherwise.
    /// </summary>
    public static string ShellCommand(string quotedPath) =>
        $"{{ if command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r {quotedPath}; else sha256sum {quotedPath}; fi; }} | cut -d' ' -f1";

    public static void Verify(ComponentImage image, string actual, string where)
    {
        if (!string.Equals(actual, image.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Checksum mismatch for {image.TarName} on {where}: expected {image.Sha256}, found {actual}. The tar is corrupt and was not imported; run again to copy it anew.");
        }
    }
}
