using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// build-docker-images.yml: for each component an image FROM debian:bookworm-slim holding its binary, tagged with
/// the configured name (virtualcluster/COMPONENT-amd64:latest), then <c>docker save</c> to /tmp/vc_COMPONENT-amd64.tar.
/// An image whose very ID the controller's cache already holds as a verified tar is not saved again (fetch-images has
/// nothing to bring): a re-run with nothing changed spends no time in docker save.
/// </summary>
internal sealed class BuildDockerImagesStage(IHostAccess hosts, ILogger<BuildDockerImagesStage> logger) : IInstallStage
{
    public const string TarDirectory = "/tmp";

    public string Name => StageNames.BuildDockerImages;

    public IReadOnlyList<string> DependsOn => [StageNames.BuildBinaries];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var runSuffix = $"vclab-{Guid.NewGuid():N}";
        var alreadyCached = await ControllerCache.VerifiedAsync(settings, cancellationToken);
        var components = settings.Build.EffectiveComponents;
        var cachedOf = components.ToDictionary(
            component => component,
            component => alreadyCached.GetValueOrDefault(component) is { } held && held.Image == settings.ImageOf(component) ? held : null);

        // One script for all components, built side by side (a cached docker build is I/O, not CPU).
        // Run copies an interrupted run left (fetch-images removes a run's own): gone after two hours.
        var script = new System.Text.StringBuilder($"set -e\nfind {Sh.Quote(TarDirectory)} -maxdepth 1 -name 'vc_*-amd64.tar.vclab-*' -mmin +120 -delete 2>/dev/null || true\npids=''\n");
        foreach (var component in components)
        {
            script.Append("( ").Append(ComponentScript(settings, component, cachedOf[component]?.ImageId, runSuffix)).Append(" ) & pids=\"$pids $!\"\n");
        }

        script.Append("failed=0; for pid in $pids; do wait $pid || failed=1; done; exit $failed\n");
        var result = (await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(settings.Build), script.ToString()), cancellationToken, line => InstallerLog.HostOutput(logger, host.Name, line))).EnsureSuccess();

        var images = new List<ComponentImage>();
        var changed = 0;
        foreach (var component in components)
        {
            var fields = result.MarkedFields($"vclab-image: {component} ");
            images.Add(fields[1] == "cached" ? cachedOf[component]! : new ComponentImage(component, settings.ImageOf(component), fields[0], ComponentImage.TarNameOf(component), fields[1]).Validated($"build-docker-images' output on {host.Name}"));
            changed += fields[0] == fields[2] ? 0 : 1;
        }

        var inCache = images.Where(built => cachedOf[built.Component] == built).Select(built => built.Component).ToHashSet();
        context.Publish(new BuiltImages(new ImageSet(images, TarDirectory), runSuffix, inCache));
        var saved = inCache.Count == images.Count ? "already in the controller's cache as tars (not saved again)" : $"saved to {TarDirectory}/vc_*-amd64.tar on {host.Name}";
        return new StageResult(changed > 0, $"{images.Count} images ({changed} new) built FROM debian:bookworm-slim, {saved}");
    }

    /// <summary>
    /// Builds one component's image and saves its tar, unless <paramref name="cachedImageId"/> (the image the controller's
    /// cache holds) is the very image built; prints <c>vclab-image: COMPONENT ID SHA256|cached PREVIOUS-ID</c>.
    /// </summary>
    private static string ComponentScript(Options.InstallerSettings settings, string component, string? cachedImageId, string runSuffix)
    {
        var image = settings.ImageOf(component);
        var buildContext = $"{settings.Build.SourceDir}/virtualcluster/_output/vclab-images/{component}";
        var tar = $"{TarDirectory}/{ComponentImage.TarNameOf(component)}";
        return $$$"""
            set -e
            image={{{Sh.Quote(image)}}}; tar={{{Sh.Quote(tar)}}}; context={{{Sh.Quote(buildContext)}}}; component={{{Sh.Quote(component)}}}
            before=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null | grep '^sha256:' || echo none)
            binary={{{Sh.Quote($"{settings.Build.SourceDir}/virtualcluster/_output/bin/{component}")}}}
            dockerfile=$(printf 'FROM debian:bookworm-slim\nCOPY %s /usr/local/bin/%s\nENTRYPOINT ["/usr/local/bin/%s"]' "$component" "$component" "$component")
            base=$(docker image inspect -f '{{.Id}}' debian:bookworm-slim 2>/dev/null || echo none)
            mkdir -p -- "$context"
            # Not built again when the tag still names the image last built from this very binary, Dockerfile and base
            # image (a cached docker build of an unchanged context costs a second of a no-op run for nothing).
            if [ "$(cat "$context/.vclab-built" 2>/dev/null)" = "$before $image $base" ] && cmp -s -- "$binary" "$context/$component" \
               && [ "$(cat "$context/Dockerfile" 2>/dev/null)" = "$dockerfile" ]; then
              after=$before
            else
              rm -f -- "$context/.vclab-built"
              cp -- "$binary" "$context/$component"
              printf '%s\n' "$dockerfile" > "$context/Dockerfile"
              docker build --quiet -t "$image" -- "$context" >/dev/null
              after=$(docker image inspect -f '{{.Id}}' "$image")
              echo "$after $image $base" > "$context/.vclab-built"
            fi
            # The tar is saved again only when neither the controller's cache nor the tar here holds this very image
            # under this very name (docker save of an unchanged image is wasted time). It is saved beside its place and
            # renamed into it, so this run's copy (a hard link) is never rewritten under another controller's feet.
            if [ "$after" = {{{Sh.Quote(cachedImageId ?? "none")}}} ]; then
              sha=cached
            elif [ -f "$tar" ] && [ "$(cat "$tar.vclab-id" 2>/dev/null)" = "$after $image" ] && [ -s "$tar.vclab-sha256" ]; then
              sha=$(cat "$tar.vclab-sha256")
            else
              rm -f -- "$tar.vclab-id"
              docker save -o "$tar.saving" "$image" || { rm -f -- "$tar.saving"; exit 1; }
              sha=$({{{Checksums.ShellCommand("\"$tar.saving\"")}}})
              mv -f -- "$tar.saving" "$tar"
              echo "$sha" > "$tar.vclab-sha256" && echo "$after $image" > "$tar.vclab-id"
            fi
            [ "$sha" = cached ] || ln -f -- "$tar" "$tar".{{{Sh.Quote(runSuffix)}}}
            # The image this one replaced, now untagged, is removed (an image still tagged or used stays).
            if [ "$before" != none ] && [ "$before" != "$after" ] && [ "$(docker image inspect -f '{{len .RepoTags}}' "$before" 2>/dev/null)" = 0 ]; then docker rmi "$before" >/dev/null 2>&1 || true; fi
            echo "vclab-image: $component $after $sha $before"
            """;
    }
}
