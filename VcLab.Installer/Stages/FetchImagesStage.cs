using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// fetch-images.yml: brings the tars from the build host to virtualcluster_local_cache_dir, checks each one's
/// checksum, records them (bundle.json), and removes the tars from the build host; or, when image tars are given (virtualcluster_*_image_tar),
/// copies those. A tar already cached with the same checksum is not copied again; a copy is written beside its
/// place and renamed into it only once checked, so a half-written tar is never used. Each run fetches its own copy,
/// so two controllers can share a build host.
/// </summary>
internal sealed class FetchImagesStage(IHostAccess hosts, ILogger<FetchImagesStage> logger) : IInstallStage
{
    public string Name => StageNames.FetchImages;

    public IReadOnlyList<string> DependsOn => [StageNames.BuildDockerImages];

    public string? SkipReason(InstallContext context) => context.Settings.HasExplicitTars ? null : BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        if (context.Settings.HasExplicitTars)
        {
            return await CopyGivenTarsAsync(context, cancellationToken);
        }

        var builtImages = context.Find<BuiltImages>() ?? throw new InvalidOperationException("fetch-images needs the images of build-docker-images (run it too).");
        var built = builtImages.Set;
        var cache = InstallerSettings.ExpandHome(context.Settings.Images.LocalCacheDir);
        Directory.CreateDirectory(cache);
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var copied = 0;
        foreach (var image in built.Images.Where(image => !builtImages.InControllerCache.Contains(image.Component)))
        {
            if (await PlaceAsync(image, cache, partial => host.DownloadAsync(builtImages.RunCopyOf(image), partial, cancellationToken), cancellationToken))
            {
                copied++;
            }

            // Clean up the build host: this run's copy, and the role's tar unless another controller has saved a different one since.
            await host.RunAsync(
                HostLock.Exclusive(
                    BuildStages.LockFile(context.Settings.Build),
                    $"rm -f -- {Sh.Quote(builtImages.RunCopyOf(image))}; [ ! -f {Sh.Quote(built.PathOf(image))} ] || [ \"$({Checksums.ShellCommand(Sh.Quote(built.PathOf(image)))})\" != {Sh.Quote(image.Sha256)} ] || rm -f -- {Sh.Quote(built.PathOf(image))}"),
                cancellationToken);
        }

        var set = new ImageSet(built.Images, cache);
        await ImageBundle.WriteAsync(set, cancellationToken);
        context.Publish(new CachedImages(set));
        InstallerLog.HostOutput(logger, "localhost", $"{built.Images.Count} tars and their bundle.json in {cache}");
        var already = builtImages.InControllerCache.Count;
        return new StageResult(copied > 0, $"{copied} of {built.Images.Count} tars fetched from {host.Name} to {cache}, checksums verified" + (already > 0 ? $" ({already} already there with the same image ID)" : ""));
    }

    /// <summary>The given tars into the cache under the role's names, each with the image ID its manifest names.</summary>
    private static async Task<StageResult> CopyGivenTarsAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var cache = InstallerSettings.ExpandHome(settings.Images.LocalCacheDir);
        Directory.CreateDirectory(cache);
        var images = new List<ComponentImage>();
        var copied = 0;
        foreach (var component in settings.Build.EffectiveComponents)
        {
            var given = InstallerSettings.ExpandHome(settings.TarOf(component)!);
            var image = new ComponentImage(
                component, settings.ImageOf(component), DockerArchive.Read(given).ImageId, ComponentImage.TarNameOf(component),
                await Checksums.OfLocalFileAsync(given, cancellationToken)).Validated(given);
            if (await PlaceAsync(image, cache, partial => Task.Run(() => File.Copy(given, partial), cancellationToken), cancellationToken))
            {
                copied++;
            }

            images.Add(image);
        }

        var set = new ImageSet(images, cache);
        await ImageBundle.WriteAsync(set, cancellationToken);
        context.Publish(new CachedImages(set));
        return new StageResult(copied > 0, $"{copied} of {images.Count} given tars copied to {cache}, checksums verified");
    }

    /// <summary>
    /// Puts the image's tar into the cache unless it is there with its checksum already (false): written beside its
    /// place, checked, and only then renamed into it. A full disk (or any write error) leaves nothing half-written.
    /// </summary>
    private static async Task<bool> PlaceAsync(ComponentImage image, string cache, Func<string, Task> copyTo, CancellationToken cancellationToken)
    {
        var local = Path.Combine(cache, image.TarName);
        if (File.Exists(local) && await Checksums.OfLocalFileAsync(local, cancellationToken) == image.Sha256)
        {
            return false;
        }

        var partial = $"{local}.partial-{Guid.NewGuid():N}";
        try
        {
            await copyTo(partial);
            Checksums.Verify(image, await Checksums.OfLocalFileAsync(partial, cancellationToken), $"this machine ({local})");
            File.Move(partial, local, overwrite: true);
            return true;
        }
        catch (Exception exception) when (exception is IOException or HostCommandException)
        {
            throw new IOException(
                $"{image.TarName} could not be written to the controller's image cache {cache} (virtualcluster_local_cache_dir): {exception.Message} " +
                "Nothing half-written was kept; free space there (or choose another folder) and run again.", exception);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
