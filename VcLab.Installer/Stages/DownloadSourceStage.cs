using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>download-source.yml: clone or update virtualcluster_source_repo at virtualcluster_source_version on the build host.</summary>
public sealed class DownloadSourceStage(HostShellFactory hosts, ILogger<DownloadSourceStage> logger) : IInstallStage
{
    public string Name => StageNames.DownloadSource;

    public IReadOnlyList<string> DependsOn => [StageNames.Crd];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var build = context.Settings.Build;
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var dir = build.SourceDir;
        var script = $$"""
            set -e
            before=$(git -C '{{dir}}' rev-parse HEAD 2>/dev/null || echo none)
            if [ -d '{{dir}}/.git' ]; then
              git -C '{{dir}}' remote set-url origin '{{build.SourceRepo}}'
              git -C '{{dir}}' fetch --quiet --tags --force origin
            else
              rm -rf '{{dir}}'
              git clone --quiet '{{build.SourceRepo}}' '{{dir}}'
            fi
            commit=$(git -C '{{dir}}' rev-parse --verify --quiet 'origin/{{build.SourceVersion}}^{commit}' || git -C '{{dir}}' rev-parse --verify '{{build.SourceVersion}}^{commit}')
            git -C '{{dir}}' checkout --quiet --force --detach "$commit"
            echo "vclab-commits: $before $commit"
            """;
        var result = (await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(build), script), cancellationToken, line => InstallerLog.HostOutput(logger, host.Name, line))).EnsureSuccess();
        var commits = result.MarkedFields("vclab-commits:");
        var repository = UrlCredentials.Redact(build.SourceRepo);
        var checkout = new SourceCheckout(commits[1], host.Name);
        context.Publish(checkout);
        return commits[0] == commits[1]
            ? StageResult.Unchanged($"{repository} at {build.SourceVersion} is {commits[1][..12]} on {host.Name} (unchanged)")
            : StageResult.ChangedWith($"{repository} at {build.SourceVersion} checked out as {commits[1][..12]} in {dir} on {host.Name}");
    }
}
