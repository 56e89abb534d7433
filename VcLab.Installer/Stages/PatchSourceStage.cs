using System.Text;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Source;

namespace VcLab.Installer.Stages;

/// <summary>
/// The role's fixes to the upstream code (<see cref="UpstreamPatches"/>), applied to the checkout on the build host
/// after download-source and before the build, each on its own: "changed" when one was applied, "ok" when the tree has
/// them all. When the code around a fix has moved, the stage fails naming the file and the fix, and writes nothing.
/// In check mode it says which would be applied.
/// </summary>
internal sealed class PatchSourceStage(IHostAccess hosts, ILogger<PatchSourceStage> logger) : IInstallStage
{
    public string Name => StageNames.PatchSource;

    public IReadOnlyList<string> DependsOn => [StageNames.DownloadSource];

    public string? SkipReason(InstallContext context) => BuildStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var root = $"{context.Settings.Build.SourceDir}/virtualcluster";
        await using var host = await hosts.BuildHostAsync(cancellationToken);
        if (context.CheckMode && !(await host.RunAsync($"test -d {Sh.Quote(root)}", cancellationToken)).Succeeded)
        {
            return StageResult.ChangedWith($"no checkout in {root} yet: all {UpstreamPatches.All.Count} fixes would be applied after download-source");
        }

        // Read, then written in place, under the checkout's lock (BuildStages.LockFile) as download-source and the build take it:
        // another run's checkout or build never sees a half-fixed tree, and a file another run changed in between is noticed.
        var read = await ReadAllAsync(host, root, context.Settings.Build, cancellationToken);
        var results = new List<PatchResult>();
        var fixedFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var patch in UpstreamPatches.All)
        {
            var content = fixedFiles.GetValueOrDefault(patch.File) ?? read[patch.File];
            var result = content is null ? new PatchResult(patch, PatchOutcome.Moved, string.Empty) : SourcePatcher.Apply(patch, content);
            InstallerLog.Patch(logger, host.Name, result.Describe());
            results.Add(result);
            if (result.Outcome == PatchOutcome.Applied)
            {
                fixedFiles[patch.File] = result.Content;
            }
        }

        var moved = results.Where(result => result.Outcome == PatchOutcome.Moved).ToList();
        if (moved.Count > 0)
        {
            throw new ProblemsException($"The upstream code in {root} on {host.Name} has moved; nothing was patched or built", [.. moved.Select(result => result.Describe())]);
        }

        var applied = results.Where(result => result.Outcome == PatchOutcome.Applied).ToList();
        if (!context.CheckMode)
        {
            await WriteAllAsync(host, root, context.Settings.Build, read, fixedFiles, cancellationToken);
        }

        var names = string.Join(", ", applied.Select(result => result.Patch.Name));
        return applied.Count == 0
            ? StageResult.Unchanged($"all {results.Count} fixes already in the tree")
            : StageResult.ChangedWith(context.CheckMode
                ? $"{applied.Count} of {results.Count} fixes would be applied: {names}"
                : $"{applied.Count} of {results.Count} fixes applied ({names}); {results.Count - applied.Count} already in the tree");
    }

    /// <summary>Every file the fixes touch, as it is now (null when missing), read in one go under the checkout's lock.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> ReadAllAsync(IHostShell host, string root, Options.BuildOptions build, CancellationToken cancellationToken)
    {
        var files = UpstreamPatches.All.Select(patch => patch.File).Distinct().ToList();
        var script = new StringBuilder();
        foreach (var (file, index) in files.Select((file, index) => (file, index)))
        {
            var path = Sh.Quote($"{root}/{file}");
            script.Append(System.Globalization.CultureInfo.InvariantCulture, $"if [ -f {path} ]; then echo \"vclab-file-{index}: $(base64 -w0 {path})\"; else echo 'vclab-file-{index}: -'; fi\n");
        }

        var result = (await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(build), script.ToString()), cancellationToken)).EnsureSuccess();
        return files.Select((file, index) => (file, field: result.MarkedFields($"vclab-file-{index}:")[0]))
            .ToDictionary(entry => entry.file, entry => entry.field == "-" ? null : Encoding.UTF8.GetString(Convert.FromBase64String(entry.field)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Each fixed file is uploaded beside its place; then, under the checkout's lock, every file is checked to be still as
    /// it was read (else nothing is replaced, and the stage says so), all are renamed into place and the fixed tree is recorded.
    /// </summary>
    private static async Task WriteAllAsync(
        IHostShell host, string root, Options.BuildOptions build, IReadOnlyDictionary<string, string?> read, IReadOnlyDictionary<string, string> fixedFiles, CancellationToken cancellationToken)
    {
        var suffix = $".vclab-fixed-{Guid.NewGuid():N}";
        var swap = new StringBuilder("set -e\n");
        foreach (var (file, content) in fixedFiles)
        {
            var path = $"{root}/{file}";
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
            (await host.RunAsync($"printf '%s' {Sh.Quote(encoded)} | base64 -d > {Sh.Quote(path + suffix)}", cancellationToken)).EnsureSuccess();
            var before = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(read[file]!)));
            swap.Append(System.Globalization.CultureInfo.InvariantCulture, $"[ \"$(sha256sum {Sh.Quote(path)} | cut -c1-64)\" = {before} ] || {{ rm -f -- {Sh.Words(fixedFiles.Keys.Select(changed => $"{root}/{changed}{suffix}"))}; echo {Sh.Quote($"{path} changed while it was being fixed (another run on this build host?): nothing was replaced; run again")} >&2; exit 75; }}\n");
        }

        foreach (var file in fixedFiles.Keys)
        {
            swap.Append(System.Globalization.CultureInfo.InvariantCulture, $"mv -f -- {Sh.Quote($"{root}/{file}{suffix}")} {Sh.Quote($"{root}/{file}")}\n");
        }

        // What the tree differs from its commit by, once fixed: download-source tells it from changes made by hand.
        swap.Append(CheckoutState.RecordFixedTree(build.SourceDir.TrimEnd('/'))).Append('\n');
        (await host.RunAsync(HostLock.Exclusive(BuildStages.LockFile(build), swap.ToString()), cancellationToken)).EnsureSuccess();
    }
}
