using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// build-binaries.yml: <c>make build-images</c> in the source's virtualcluster/ folder on the build host, bounded by
/// virtualcluster_build_timeout (the build is stopped there, not only abandoned), its output streamed to the log.
/// </summary>
public sealed class BuildBinariesStage(HostShellFactory hosts, ILogger<BuildBinariesStage> logger) : IInstallStage
{
    public string Name => StageNames.BuildBinaries;

    public IReadOnlyList<string> DependsOn => [StageNames.DownloadSource];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public TimeSpan Timeout(InstallContext context) => TimeSpan.FromSeconds(context.Settings.Build.TimeoutSeconds + 60);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var build = context.Settings.Build;
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var folder = $"{build.SourceDir}/virtualcluster";
        var stamp = $"{folder}/_output/.vclab-built-from";
        var binaries = string.Join(' ', build.EffectiveComponents.Select(component => $"'{folder}/_output/bin/{component}'"));
        // Built already from this very commit (by this run's twin on another controller, or a run before): reuse it.
        var script = $"""
            commit=$(git -C '{build.SourceDir}' rev-parse HEAD)
            if [ "$(cat '{stamp}' 2>/dev/null)" = "$commit" ] && ls {binaries} >/dev/null 2>&1; then echo "vclab-build: reused $commit"; exit 0; fi
            cd '{folder}' && timeout --kill-after=10 {build.TimeoutSeconds} make build-images && echo "$commit" > '{stamp}' && echo "vclab-build: built $commit"
            """;
        var result = await host.RunAsync(
            HostLock.Exclusive(BuildStages.LockFile(build), script),
            cancellationToken,
            line => InstallerLog.HostOutput(logger, host.Name, line));
        if (result.ExitCode is 124 or 137)
        {
            throw new TimeoutException(
                $"make build-images on {host.Name} exceeded virtualcluster_build_timeout ({build.TimeoutSeconds} s) and was stopped. Last lines:{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.Output.Split('\n').TakeLast(15)));
        }

        result.EnsureSuccess();
        var missing = new List<string>();
        foreach (var component in build.EffectiveComponents)
        {
            if (!(await host.RunAsync($"test -x '{folder}/_output/bin/{component}'", cancellationToken)).Succeeded)
            {
                missing.Add($"{folder}/_output/bin/{component}");
            }
        }

        return missing.Count > 0
            ? throw new ProblemsException($"make build-images on {host.Name} succeeded but did not produce every binary", missing)
            : result.MarkedFields("vclab-build:")[0] == "reused"
                ? StageResult.Unchanged($"{string.Join(", ", build.EffectiveComponents)} already built from this commit in {folder}/_output/bin on {host.Name}")
                : StageResult.ChangedWith($"built {string.Join(", ", build.EffectiveComponents)} in {folder}/_output/bin on {host.Name}");
    }
}
