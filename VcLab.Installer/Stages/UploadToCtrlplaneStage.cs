using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// upload-to-ctrlplane.yml: copies the tars from the controller's cache to virtualcluster_ctrlplane_cache_dir on the
/// control plane over SSH and checks each checksum there; a tar already there with the same checksum is kept. The
/// tars are this run's (built or given), or else the last good bundle's.
/// </summary>
internal sealed class UploadToCtrlplaneStage(IHostAccess hosts) : IInstallStage
{
    public string Name => StageNames.UploadToCtrlplane;

    public IReadOnlyList<string> DependsOn => [StageNames.FetchImages];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var cached = context.Find<CachedImages>()?.Set
            ?? await LastGoodBundle.ReadAsync(InstallerSettings.ExpandHome(settings.Images.LocalCacheDir), settings.Build.EffectiveComponents, cancellationToken);
        using var hold = LastGoodBundle.Hold(cached.Directory); // another run's promotion leaves it while it is copied from
        var remote = new ImageSet(cached.Images, settings.Images.CtrlplaneCacheDir);
        await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
        // What the control plane holds is checked in one command; only a tar missing or different there is copied.
        var held = await Checksums.OnHostAsync(controlPlane, [.. cached.Images.Select(remote.PathOf)], cancellationToken);
        var uploaded = 0;
        foreach (var (image, _) in cached.Images.Zip(held).Where(pair => pair.Second != pair.First.Sha256))
        {
            Checksums.Verify(image, await Checksums.OfLocalFileAsync(cached.PathOf(image), cancellationToken), $"this machine ({cached.PathOf(image)})");
            await controlPlane.UploadAsync(cached.PathOf(image), remote.PathOf(image), cancellationToken);
            Checksums.Verify(image, await Checksums.OnHostAsync(controlPlane, remote.PathOf(image), cancellationToken) ?? "(missing)", controlPlane.Name);
            uploaded++;
        }

        context.Publish(new UploadedImages(remote));
        return new StageResult(uploaded > 0, $"{uploaded} of {cached.Images.Count} tars uploaded to {controlPlane.Name}:{remote.Directory}, checksums verified");
    }
}
