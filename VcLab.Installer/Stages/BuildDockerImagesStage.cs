using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// build-docker-images.yml: for each component an image FROM debian:bookworm-slim holding its binary, tagged with
/// the configured name (virtualcluster/COMPONENT-amd64:latest), then <c>docker save</c> to /tmp/vc_COMPONENT-amd64.tar.
/// </summary>
public sealed class BuildDockerImagesStage(HostShellFactory hosts, ILogger<BuildDockerImagesStage> logger) : IInstallStage
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
        var images = new List<ComponentImage>();
        var changed = 0;
        foreach (var component in settings.Build.EffectiveComponents)
        {
            var image = settings.ImageOf(component);
            var buildContext = $"{settings.Build.SourceDir}/virtualcluster/_output/vclab-images/{component}";
            var tar = $"{TarDirectory}/{ComponentImage.TarNameOf(component)}";
            var script = $$$"""
                set -e
                before=$(docker image inspect -f '{{.Id}}' '{{{image}}}' 2>/dev/null | grep '^sha256:' || echo none)
                mkdir -p '{{{buildContext}}}'
                cp '{{{settings.Build.SourceDir}}}/virtualcluster/_output/bin/{{{component}}}' '{{{buildContext}}}/{{{component}}}'
                printf 'FROM debian:bookworm-slim\nCOPY {{{component}}} /usr/local/bin/{{{component}}}\nENTRYPOINT ["/usr/local/bin/{{{component}}}"]\n' > '{{{buildContext}}}/Dockerfile'
                docker build --quiet -t '{{{image}}}' '{{{buildContext}}}' >/dev/null
                after=$(docker image inspect -f '{{.Id}}' '{{{image}}}')
                # The tar is saved again only when it does not hold this very image under this very name (docker save of an
                # unchanged image is wasted time).
                if [ -f '{{{tar}}}' ] && [ "$(cat '{{{tar}}}.vclab-id' 2>/dev/null)" = "$after {{{image}}}" ] && [ -s '{{{tar}}}.vclab-sha256' ]; then
                  sha=$(cat '{{{tar}}}.vclab-sha256')
                else
                  rm -f '{{{tar}}}.vclab-id'
                  docker save -o '{{{tar}}}' '{{{image}}}'
                  sha=$(sha256sum '{{{tar}}}' | cut -d' ' -f1)
                  echo "$sha" > '{{{tar}}}.vclab-sha256' && echo "$after {{{image}}}" > '{{{tar}}}.vclab-id'
                fi
                cp '{{{tar}}}' '{{{tar}}}.{{{runSuffix}}}'
                # The image this one replaced, now untagged, is removed (an image still tagged or used stays).
                if [ "$before" != none ] && [ "$before" != "$after" ] && [ "$(docker image inspect -f '{{len .RepoTags}}' "$before" 2>/dev/null)" = 0 ]; then docker rmi "$before" >/dev/null 2>&1 || true; fi
                echo "vclab-image: $after $sha $before"
                """;
            var result = (await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(settings.Build), script), cancellationToken, line => InstallerLog.HostOutput(logger, host.Name, line))).EnsureSuccess();
            var fields = result.MarkedFields("vclab-image:");
            images.Add(new ComponentImage(component, image, fields[0], ComponentImage.TarNameOf(component), fields[1]));
            changed += fields[0] == fields[2] ? 0 : 1;
        }

        context.Publish(new BuiltImages(new ImageSet(images, TarDirectory), runSuffix));
        return new StageResult(changed > 0, $"{images.Count} images ({changed} new) built FROM debian:bookworm-slim and saved to {TarDirectory}/vc_*-amd64.tar on {host.Name}");
    }
}
