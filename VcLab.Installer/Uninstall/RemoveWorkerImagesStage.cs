using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Uninstall;

/// <summary>
/// The uninstall's last step: on every worker, reached from the control plane as distribution reaches it, unpins and
/// removes the component images (distribute-images.sh --remove); then removes the tars from the control plane's cache.
/// The controller's last good bundle is kept: it is what the next install can use without a build.
/// </summary>
internal sealed class RemoveWorkerImagesStage(IClusterNodes nodes, IHostAccess hosts) : IInstallStage
{
    public string Name => UninstallStageNames.RemoveWorkerImages;

    public IReadOnlyList<string> DependsOn => [UninstallStageNames.DeleteNamespace];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var workers = await nodes.WorkerNamesAsync(cancellationToken);
        var images = new ImageSet(
            [.. BuildOptions.DefaultComponents.Select(component => new ComponentImage(component, settings.ImageOf(component), string.Empty, ComponentImage.TarNameOf(component), string.Empty).Validated("the uninstall's list of images", idOptional: true))],
            settings.Images.CtrlplaneCacheDir);
        await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
        var script = await DistributeScript.UploadAsync(controlPlane, settings, images, cancellationToken);

        var tars = string.Join(' ', images.Images.Select(image => Sh.Quote(images.PathOf(image))));
        var mode = context.CheckMode ? "--held" : "--remove";
        var workerList = string.Join(' ', workers.Select(Sh.Quote));
        var result = (await controlPlane.RunAsync(
            $"sh {Sh.Quote(script)} {mode} {workerList} && for tar in {tars}; do [ ! -f \"$tar\" ] || echo \"$tar cached\"; done",
            cancellationToken)).EnsureSuccess();
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var held = lines.Where(line => line.EndsWith(" removed", StringComparison.Ordinal) || line.EndsWith(" held", StringComparison.Ordinal)).ToList();
        var cached = lines.Where(line => line.EndsWith(" cached", StringComparison.Ordinal)).Select(line => line[..^" cached".Length]).ToList();
        if (context.CheckMode)
        {
            return held.Count + cached.Count == 0
                ? StageResult.Unchanged($"no component image on {workers.Count} workers, no tar in {controlPlane.Name}:{images.Directory}")
                : StageResult.ChangedWith($"would remove {string.Join(", ", held.Select(line => line[..^" held".Length]))}{(cached.Count == 0 ? string.Empty : $" and {controlPlane.Name}:{string.Join(", ", cached)}")}");
        }

        (await controlPlane.RunAsync($"rm -f {tars} {Sh.Quote(script)}", cancellationToken)).EnsureSuccess();
        return held.Count + cached.Count == 0
            ? StageResult.Unchanged($"no component image was left on {workers.Count} workers")
            : StageResult.ChangedWith($"{held.Count} images unpinned and removed on {workers.Count} workers; {cached.Count} tars removed from {controlPlane.Name}:{images.Directory}");
    }
}
