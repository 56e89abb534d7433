using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Installer.Hosts;

namespace VcLab.Hosting.Images;

/// <summary>
/// Makes sure the engine has <c>debian:bookworm-slim</c>, so that an unchanged <c>FROM debian:bookworm-slim</c>
/// builds offline: used if present, pulled where a registry answers, otherwise bootstrapped with mmdebstrap
/// from the host's own apt sources and imported.
/// </summary>
public sealed class BaseImageProvider(IImageEngine engine, ILogger logger)
{
    public const string DefaultReference = "debian:bookworm-slim";
    public const string Release = "bookworm";
    private static readonly TimeSpan PullTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The tag to provide; the role's Dockerfiles say <c>FROM debian:bookworm-slim</c>.</summary>
    public string Reference { get; init; } = DefaultReference;

    /// <summary>Where the host's apt configuration lives (a test may point elsewhere).</summary>
    public string AptRoot { get; init; } = AptSourceList.DefaultRoot;

    /// <summary>Whether to try a registry before building; off where none answers, to save the wait.</summary>
    public bool TryPull { get; init; } = true;

    /// <summary>Where "making the base image" goes besides the log (the AppHost's console and resource state): it takes half a minute.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Returns the base image's ID, creating the image when the engine lacks it.</summary>
    public async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await engine.FindImageIdAsync(Reference, cancellationToken) is { } present)
        {
            HostingLog.BaseImagePresent(logger, Reference);
            return present;
        }

        if (TryPull && await TryPullAsync(cancellationToken))
        {
            HostingLog.BaseImagePulled(logger, Reference);
            return await engine.FindImageIdAsync(Reference, cancellationToken) ?? throw new InvalidOperationException($"{Reference} vanished after the pull.");
        }

        return await BootstrapAsync(cancellationToken);
    }

    /// <summary>Builds the image from the host's apt sources even when it exists (used by tests and by a forced rebuild).</summary>
    public async Task<string> BootstrapAsync(CancellationToken cancellationToken)
    {
        var mmdebstrap = LocalProcess.Which("mmdebstrap") ?? throw new BaseImageUnavailableException(WaysOut(
            "mmdebstrap is not installed"));
        var sources = AptSourceList.ReadRelease(Release, AptRoot);
        if (sources.Count == 0)
        {
            throw new BaseImageUnavailableException(WaysOut(
                $"the host's apt sources ({AptRoot}/sources.list, {AptRoot}/sources.list.d/) have no Debian '{Release}' entry"));
        }

        var started = Stopwatch.GetTimestamp();
        HostingLog.BaseImageBootstrapping(logger, Reference, string.Join("; ", sources.Select(source => source.ToOneLine())));
        Progress?.Report($"making the base image {Reference} from this machine's apt sources (mmdebstrap, once per machine)");
        var workDirectory = Directory.CreateTempSubdirectory("vclab-rootfs-");
        try
        {
            var rootfs = Path.Combine(workDirectory.FullName, "rootfs.tar");
            var result = await LocalProcess.RunAsync(
                mmdebstrap,
                [.. MmdebstrapArguments, Release, rootfs, "-"],
                cancellationToken,
                standardInput: string.Join('\n', sources.Select(source => source.ToOneLine())) + "\n",
                onLine: line => HostingLog.BuildOutput(logger, "mmdebstrap", line));
            if (!result.Succeeded)
            {
                throw new BaseImageUnavailableException(WaysOut(
                    $"mmdebstrap exited with {result.ExitCode}:{Environment.NewLine}{result.Tail(60)}"));
            }

            await engine.ImportRootFilesystemAsync(rootfs, Reference, cancellationToken);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }

        HostingLog.BaseImageBootstrapped(logger, Reference, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return await engine.FindImageIdAsync(Reference, cancellationToken) ?? throw new InvalidOperationException($"{Reference} was imported but is not listed.");
    }

    /// <summary>
    /// mmdebstrap's hook that lays out merged /usr before the packages go in, as debootstrap does for the official image.
    /// Without it, apt satisfies init-system-helpers' <c>usrmerge | usr-is-merged</c> with usrmerge, whose perl stays:
    /// 122 MB instead of about 75, in every image built on it.
    /// </summary>
    internal const string MergedUsrHooks = "/usr/share/mmdebstrap/hooks/merged-usr";

    /// <summary>A minimal Debian like the official slim image: merged /usr, no manuals, docs or translations.</summary>
    private static string[] MmdebstrapArguments =>
    [
        "--variant=minbase",
        .. Directory.Exists(MergedUsrHooks) ? [$"--hook-dir={MergedUsrHooks}"] : Array.Empty<string>(),
        "--quiet",
        "--dpkgopt=path-exclude=/usr/share/man/*",
        "--dpkgopt=path-exclude=/usr/share/info/*",
        "--dpkgopt=path-exclude=/usr/share/doc/*",
        "--dpkgopt=path-include=/usr/share/doc/*/copyright",
        "--dpkgopt=path-exclude=/usr/share/locale/*",
        "--aptopt=Acquire::Languages \"none\"",
    ];

    private async Task<bool> TryPullAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PullTimeout);
        try
        {
            return await engine.TryPullAsync(Reference, logger, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            HostingLog.PullFailed(logger, Reference, $"no answer within {PullTimeout.TotalSeconds:F0} s");
            return false;
        }
    }

    private string WaysOut(string reason) =>
        $"Cannot provide the base image {Reference}: {reason}. Either load one into the engine " +
        $"('docker load -i debian-bookworm-slim.tar', made with 'docker save {DefaultReference}' on a machine that has it, then 'docker tag' it as {Reference}), " +
        "or run on a Debian or Ubuntu machine with apt and Debian bookworm sources, where './eng/prerequisites.sh' installs mmdebstrap.";
}
