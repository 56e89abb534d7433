using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// After verify: this run's images become the last good bundle (virtualcluster_local_cache_dir/last-good), the
/// images an install without a build uses. Only a run in which deploy-manager and verify both passed with them
/// promotes; a failed deploy or verify leaves the previous last good bundle in place.
/// </summary>
internal sealed class PromoteImagesStage : IInstallStage
{
    public string Name => StageNames.PromoteImages;

    public IReadOnlyList<string> DependsOn => [StageNames.Verify];

    public string? SkipReason(InstallContext context) =>
        context.CheckMode ? "check mode: nothing was deployed"
        : context.Find<CachedImages>() is null ? "the images came from the last good bundle"
        : context.Find<Deployed>() is null || context.Find<Verified>() is null ? "deploy-manager and verify did not both pass in this run: the last good bundle is left as it was"
        : null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var cached = context.Find<CachedImages>()!.Set;
        var cache = InstallerSettings.ExpandHome(context.Settings.Images.LocalCacheDir);
        var promoted = await LastGoodBundle.PromoteAsync(cached, cache, cancellationToken);
        return promoted
            ? StageResult.ChangedWith($"{cached.Images.Count} images deployed and verified: now the last good bundle ({LastGoodBundle.DirectoryOf(cache)})")
            : StageResult.Unchanged($"these images already are the last good bundle ({LastGoodBundle.DirectoryOf(cache)})");
    }
}
