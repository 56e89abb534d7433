using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;

namespace VcLab.Installer.Stages;

/// <summary>
/// build-binaries.yml: upstream's <c>make build</c> (binaries only; <c>make build-images</c> wants a registry's base image)
/// for the configured components in the source's virtualcluster/ folder on the build host, bounded by
/// virtualcluster_build_timeout (the build is stopped there, not only abandoned), its output streamed to the log.
/// Offline, the vendor tarball is unpacked and Go uses it with no network; online, the Go module proxy. Go's build cache
/// on the build host makes a rebuild after a source change take about a minute.
/// </summary>
internal sealed class BuildBinariesStage(IHostAccess hosts, ILogger<BuildBinariesStage> logger) : IInstallStage
{
    /// <summary>Says so when timeout ended the build (124, or 137 after its grace): a host that went away says nothing.</summary>
    private const string TimedOut = """|| { rc=$?; if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then echo "vclab-build: timed-out"; fi; exit $rc; }""";

    public string Name => StageNames.BuildBinaries;

    public IReadOnlyList<string> DependsOn => [StageNames.PatchSource];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public TimeSpan Timeout(InstallContext context) => TimeSpan.FromSeconds(context.Settings.Build.TimeoutSeconds + 60);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var build = context.Settings.Build;
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        var folder = $"{build.SourceDir}/virtualcluster";
        var stamp = $"{folder}/_output/.vclab-built-from";
        var binaries = string.Join(' ', build.EffectiveComponents.Select(component => Sh.Quote($"{folder}/_output/bin/{component}")));
        var targets = string.Join(' ', build.EffectiveComponents.Select(component => $"cmd/{component}"));
        var offline = UpstreamSource.OfflineDir(build);
        var vendorTarball = offline is null ? null : $"{offline}/{UpstreamSource.VendorTarball}";

        // The inputs of the binaries: the commit, the fixes applied to it, the vendored modules. Built already from these
        // (by a run before, or this run's twin on another controller): reused.
        var script = $"""
            set -e
            state="$(git -C {Sh.Quote(build.SourceDir)} rev-parse HEAD) $(git -C {Sh.Quote(build.SourceDir)} diff HEAD | sha256sum | cut -c1-16) {(vendorTarball is null ? "online" : $"$({Checksums.ShellCommand(Sh.Quote(vendorTarball))} | cut -c1-16)")}"
            if [ "$(cat {Sh.Quote(stamp)} 2>/dev/null)" = "$state" ] && ls {binaries} >/dev/null 2>&1; then
              outcome=reused
            else
              cd {Sh.Quote(folder)}
              {(vendorTarball is null ? "" : $"rm -rf ./vendor && tar -xzf {Sh.Quote(vendorTarball)} && export GOFLAGS=-mod=vendor GOPROXY=off")}
              rm -f -- {Sh.Quote(stamp)}
              timeout --kill-after=10 {build.TimeoutSeconds} make build WHAT={Sh.Quote(targets)} {TimedOut}
              echo "$state" > {Sh.Quote(stamp)}
              outcome=built
            fi
            for binary in {binaries}; do [ -x "$binary" ] || echo "vclab-missing: $binary"; done
            echo "vclab-build: $outcome"
            """;
        var result = await host.RunAsync(
            HostLock.Exclusive(BuildStages.LockFile(build), script),
            cancellationToken,
            line => InstallerLog.HostOutput(logger, host.Name, line));
        // timeout's own verdict: a build host that went away (a killed container) also ends in 137, but says nothing.
        if (result.ExitCode is 124 or 137 && result.Output.Contains("vclab-build: timed-out", StringComparison.Ordinal))
        {
            throw new TimeoutException(
                $"make build on {host.Name} exceeded virtualcluster_build_timeout ({build.TimeoutSeconds} s) and was stopped. Last lines:{Environment.NewLine}" +
                result.Tail(15));
        }

        if (!result.Succeeded && vendorTarball is not null && result.Output.Contains("vendor/modules.txt", StringComparison.Ordinal))
        {
            // Go's headline ("inconsistent vendoring") comes before a line per module, so a tail of its output misses it.
            throw new HostCommandException(
                $"The vendored modules in {vendorTarball} do not fit the checked-out source ({build.SourceRepo} at {build.SourceVersion}): " +
                "go.mod and the tarball's vendor/modules.txt disagree. Use the vendor tarball made for this commit (the offline upstream folder's " +
                $"own, VirtualCluster:Build:OfflineUpstreamDir), or build online. Nothing was recorded as built. Go's last lines on {host.Name}:{Environment.NewLine}" +
                result.Tail(15));
        }

        result.EnsureSuccess();
        var missing = result.Output.Split('\n').Where(line => line.StartsWith("vclab-missing: ", StringComparison.Ordinal)).Select(line => line["vclab-missing: ".Length..].Trim()).ToList();
        return missing.Count > 0
            ? throw new ProblemsException($"make build on {host.Name} succeeded but did not produce every binary", missing)
            : result.MarkedFields("vclab-build:")[0] == "reused"
                ? StageResult.Unchanged($"{string.Join(", ", build.EffectiveComponents)} already built from this commit in {folder}/_output/bin on {host.Name}")
                : StageResult.ChangedWith($"built {string.Join(", ", build.EffectiveComponents)} in {folder}/_output/bin on {host.Name}");
    }
}
