using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;

namespace VcLab.Installer.Stages;

/// <summary>
/// download-source.yml: clone or update virtualcluster_source_repo at virtualcluster_source_version on the build host.
/// With an offline upstream folder its files are checked against its SHA256SUMS first and the bundle is cloned. A tree
/// already at the wanted commit is left as it is (patch-source's fixes stay); a moved commit is checked out clean. A
/// folder there that is not a checkout is refused, as Ansible's git module refuses it: nothing is removed.
/// </summary>
internal sealed class DownloadSourceStage(IHostAccess hosts, ILogger<DownloadSourceStage> logger) : IInstallStage
{
    private const int ProblemsExitCode = 3;
    private const int NotACheckoutExitCode = 4;
    private const int NoSuchVersionExitCode = 5;

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
        var (source, user, password) = UrlCredentials.Split(UpstreamSource.CloneSource(build));
        var q = Sh.Quote(dir);
        // Credentials reach git through a helper that reads them from the environment: never as an argument (which
        // 'ps' shows) nor in .git/config. The script itself travels in an environment variable or on stdin (IHostShell).
        var secrets = user is null ? null : new Dictionary<string, string> { ["VCLAB_GIT_USER"] = user, ["VCLAB_GIT_PASSWORD"] = password ?? string.Empty };
        var credentials = user is null
            ? string.Empty
            : """git() { command git -c credential.helper= -c 'credential.helper=!f() { test "$1" = get && printf "username=%s\npassword=%s\n" "$VCLAB_GIT_USER" "$VCLAB_GIT_PASSWORD"; }; f' "$@"; }""";
        var script = $$"""
            set -e
            {{credentials}}
            before=$(git -C {{q}} rev-parse HEAD 2>/dev/null || echo none)
            if [ -d {{q}}/.git ]; then
              git -C {{q}} remote set-url origin {{Sh.Quote(source)}}
              git -C {{q}} fetch --quiet --tags --force origin
            elif [ -e {{q}} ] && { [ ! -d {{q}} ] || [ -n "$(ls -A {{q}})" ]; }; then
              echo "vclab-not-a-checkout: $(ls -A {{q}} 2>/dev/null | head -5 | tr '\n' ' ')"
              exit {{NotACheckoutExitCode}}
            else
              git clone --quiet -- {{Sh.Quote(source)}} {{q}}
            fi
            commit=$(git -C {{q}} rev-parse --verify --quiet {{Sh.Quote($"origin/{build.SourceVersion}^{{commit}}")}} || git -C {{q}} rev-parse --verify --quiet {{Sh.Quote($"{build.SourceVersion}^{{commit}}")}}) || exit {{NoSuchVersionExitCode}}
            dirty=-
            if [ "$before" = "$commit" ]; then
              {{CheckoutState.ChangedByHand(dir)}}
            fi
            if [ "$before" != "$commit" ] || [ "$dirty" != - ]; then git -C {{q}} checkout --quiet --force --detach "$commit"; fi
            echo "vclab-commits: $before $commit"
            echo "vclab-dirty: $dirty"
            """;
        var result = await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(build), script), cancellationToken, line => InstallerLog.HostOutput(logger, host.Name, line), secrets);
        if (result.ExitCode == NotACheckoutExitCode)
        {
            throw new HostCommandException(
                $"virtualcluster_source_dir ({dir}) on {host.Name} exists and is not a git checkout (it holds {string.Join(' ', result.MarkedFields("vclab-not-a-checkout:"))}...). " +
                "Nothing was removed or cloned: VcLab never deletes a folder it did not make. Move it away, or set virtualcluster_source_dir to another folder.");
        }

        if (result.ExitCode == NoSuchVersionExitCode)
        {
            throw new HostCommandException(
                $"virtualcluster_source_version '{build.SourceVersion}' is not a branch, tag or commit of {UrlCredentials.Redact(build.SourceRepo)} " +
                $"(looked up in its checkout {dir} on {host.Name}; the checkout was left as it was). Set VirtualCluster:Build:SourceVersion " +
                "(Ansible: virtualcluster_source_version) to one it has, e.g. main.");
        }

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
        var repository = UrlCredentials.Redact(build.SourceRepo);
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
            for file in {{Sh.Words([UpstreamSource.BundleFile, UpstreamSource.VendorTarball])}}; do
              path={{Sh.Quote(dir)}}/$file
              if [ ! -f "$path" ]; then echo "vclab-problem: $path is missing"; problems=1; continue; fi
              want=$(awk -v f="$file" '$2 == f || $2 == "*"f { print $1 }' {{Sh.Quote($"{dir}/{UpstreamSource.ChecksumsFile}")}} 2>/dev/null)
              if [ -z "$want" ]; then echo "vclab-problem: {{dir}}/{{UpstreamSource.ChecksumsFile}} has no checksum for $file"; problems=1; continue; fi
              have=$({{Checksums.ShellCommand("\"$path\"")}})
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
