using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;

namespace VcLab.Installer.Stages;

/// <summary>
/// download-source.yml: clone or update virtualcluster_source_repo at virtualcluster_source_version on the build host.
/// With an offline upstream folder its files are checked against its SHA256SUMS first and the bundle is cloned. A tree
/// already at the wanted commit is left as it is (patch-source's fixes stay); a moved commit is checked out clean.
/// </summary>
internal sealed class DownloadSourceStage(IHostAccess hosts, ILogger<DownloadSourceStage> logger) : IInstallStage
{
    private const int ProblemsExitCode = 3;

    public string Name => StageNames.DownloadSource;

    public IReadOnlyList<string> DependsOn => [StageNames.Crd];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var build = context.Settings.Build;
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var offline = UpstreamSource.OfflineDir(build);
        if (offline is not null)
        {
            await CheckOfflineFolderAsync(host, offline, cancellationToken);
        }

        var dir = build.SourceDir;
        var source = UpstreamSource.CloneSource(build);
        var script = $$"""
            set -e
            before=$(git -C '{{dir}}' rev-parse HEAD 2>/dev/null || echo none)
            if [ -d '{{dir}}/.git' ]; then
              git -C '{{dir}}' remote set-url origin '{{source}}'
              git -C '{{dir}}' fetch --quiet --tags --force origin
            else
              rm -rf '{{dir}}'
              git clone --quiet '{{source}}' '{{dir}}'
            fi
            commit=$(git -C '{{dir}}' rev-parse --verify --quiet 'origin/{{build.SourceVersion}}^{commit}' || git -C '{{dir}}' rev-parse --verify '{{build.SourceVersion}}^{commit}')
            dirty=-
            if [ "$before" = "$commit" ]; then
              {{CheckoutState.ChangedByHand(dir)}}
            fi
            if [ "$before" != "$commit" ] || [ "$dirty" != - ]; then git -C '{{dir}}' checkout --quiet --force --detach "$commit"; fi
            echo "vclab-commits: $before $commit"
            echo "vclab-dirty: $dirty"
            """;
        var result = await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(build), script), cancellationToken, line => InstallerLog.HostOutput(logger, host.Name, line));
        if (!result.Succeeded && offline is null && build.SourceRepo == UpstreamSource.DefaultRepository)
        {
            throw new HostCommandException(
                $"{build.SourceRepo} could not be cloned on {host.Name} (exit {result.ExitCode}). Give the build host access to GitHub, " +
                $"or set VirtualCluster:Build:OfflineUpstreamDir to a folder on it holding {UpstreamSource.BundleFile}, {UpstreamSource.VendorTarball} " +
                $"and {UpstreamSource.ChecksumsFile} (the lab uses ../shared/upstream). Last lines:{Environment.NewLine}" +
                result.Tail(5));
        }

        var commits = result.EnsureSuccess().MarkedFields("vclab-commits:");
        var dirty = result.MarkedFields("vclab-dirty:");
        var repository = UrlCredentials.Redact(source);
        context.Publish(new SourceCheckout(commits[1], host.Name));
        if (dirty[0] != "-")
        {
            return StageResult.ChangedWith(
                $"{repository} at {build.SourceVersion} ({commits[1][..12]}) in {dir} on {host.Name} had changes made by hand ({string.Join(", ", dirty)}): " +
                "discarded by a forced clean checkout, as the role does; the role's fixes are applied again");
        }

        return commits[0] == commits[1]
            ? StageResult.Unchanged($"{repository} at {build.SourceVersion} is {commits[1][..12]} on {host.Name} (unchanged)")
            : StageResult.ChangedWith($"{repository} at {build.SourceVersion} checked out as {commits[1][..12]} in {dir} on {host.Name}");
    }

    /// <summary>The bundle and the vendor tarball are there and match SHA256SUMS; else every problem is named before anything is cloned.</summary>
    private static async Task CheckOfflineFolderAsync(IHostShell host, string dir, CancellationToken cancellationToken)
    {
        var script = $$"""
            problems=0
            for file in '{{UpstreamSource.BundleFile}}' '{{UpstreamSource.VendorTarball}}'; do
              path='{{dir}}'/$file
              if [ ! -f "$path" ]; then echo "vclab-problem: $path is missing"; problems=1; continue; fi
              want=$(awk -v f="$file" '$2 == f || $2 == "*"f { print $1 }' '{{dir}}/{{UpstreamSource.ChecksumsFile}}' 2>/dev/null)
              if [ -z "$want" ]; then echo "vclab-problem: {{dir}}/{{UpstreamSource.ChecksumsFile}} has no checksum for $file"; problems=1; continue; fi
              have=$(sha256sum "$path" | cut -d' ' -f1)
              if [ "$have" != "$want" ]; then echo "vclab-problem: $path is corrupt: its sha256 is $have, {{UpstreamSource.ChecksumsFile}} says $want"; problems=1; fi
            done
            exit $((problems * {{ProblemsExitCode}}))
            """;
        var result = await host.RunAsync(script, cancellationToken);
        if (result.ExitCode == ProblemsExitCode)
        {
            var problems = result.Output.Split('\n')
                .Where(line => line.StartsWith("vclab-problem: ", StringComparison.Ordinal))
                .Select(line => line["vclab-problem: ".Length..])
                .ToList();
            throw new ProblemsException(
                $"The offline upstream folder (VirtualCluster:Build:OfflineUpstreamDir) on {host.Name} cannot be used; nothing was cloned or built. Copy the folder again from its source",
                problems);
        }

        result.EnsureSuccess();
    }
}
