using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// fetch-images.yml: brings the tars from the build host to virtualcluster_local_cache_dir, checks each one's
/// checksum, records the bundle, and removes the tars from the build host. A tar already cached with the same
/// checksum is not copied again.
/// </summary>
public sealed class FetchImagesStage(HostShellFactory hosts, ILogger<FetchImagesStage> logger) : IInstallStage
{
    public string Name => StageNames.FetchImages;

    public IReadOnlyList<string> DependsOn => [StageNames.BuildDockerImages];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var built = context.Find<BuiltImages>()?.Set ?? throw new InvalidOperationException("fetch-images needs the images of build-docker-images (run it too).");
        var cache = InstallerSettings.ExpandHome(context.Settings.Images.LocalCacheDir);
        Directory.CreateDirectory(cache);
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var copied = 0;
        foreach (var image in built.Images)
        {
            var local = Path.Combine(cache, image.TarName);
            if (!File.Exists(local) || await Checksums.OfLocalFileAsync(local, cancellationToken) != image.Sha256)
            {
                await host.DownloadAsync(built.PathOf(image), local, cancellationToken);
                Checksums.Verify(image, await Checksums.OfLocalFileAsync(local, cancellationToken), $"this machine ({local})");
                copied++;
            }

            await host.RunAsync($"rm -f '{built.PathOf(image)}'", cancellationToken);
        }

        var set = new ImageSet(built.Images, cache);
        await ImageBundle.WriteAsync(set, cancellationToken);
        context.Publish(new CachedImages(set));
        InstallerLog.HostOutput(logger, "localhost", $"image bundle recorded in {cache}");
        return new StageResult(copied > 0, $"{copied} of {built.Images.Count} tars fetched from {host.Name} to {cache}, checksums verified");
    }
}
