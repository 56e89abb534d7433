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
