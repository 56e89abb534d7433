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

        var results = new List<PatchResult>();
        foreach (var patch in UpstreamPatches.All)
        {
            var content = await ReadAsync(host, $"{root}/{patch.File}", cancellationToken);
            var result = content is null ? new PatchResult(patch, PatchOutcome.Moved, string.Empty) : SourcePatcher.Apply(patch, content);
            InstallerLog.Patch(logger, host.Name, result.Describe());
            results.Add(result);
        }

        var moved = results.Where(result => result.Outcome == PatchOutcome.Moved).ToList();
        if (moved.Count > 0)
        {
            throw new ProblemsException($"The upstream code in {root} on {host.Name} has moved; nothing was patched or built", [.. moved.Select(result => result.Describe())]);
        }

        var applied = results.Where(result => result.Outcome == PatchOutcome.Applied).ToList();
        if (!context.CheckMode)
        {
            foreach (var result in applied)
            {
                await WriteAsync(host, $"{root}/{result.Patch.File}", result.Content, cancellationToken);
            }
        }

        if (!context.CheckMode)
        {
            // What the tree differs from its commit by, once fixed: download-source tells it from changes made by hand.
            (await host.RunAsync(CheckoutState.RecordFixedTree(context.Settings.Build.SourceDir), cancellationToken)).EnsureSuccess();
        }

        var names = string.Join(", ", applied.Select(result => result.Patch.Name));
        return applied.Count == 0
            ? StageResult.Unchanged($"all {results.Count} fixes already in the tree")
            : StageResult.ChangedWith(context.CheckMode
                ? $"{applied.Count} of {results.Count} fixes would be applied: {names}"
                : $"{applied.Count} of {results.Count} fixes applied ({names}); {results.Count - applied.Count} already in the tree");
    }

    private static async Task<string?> ReadAsync(IHostShell host, string path, CancellationToken cancellationToken)
    {
        var result = await host.RunAsync($"if [ -f {Sh.Quote(path)} ]; then echo \"vclab-file: $(base64 -w0 {Sh.Quote(path)})\"; else echo 'vclab-file: -'; fi", cancellationToken);
        var field = result.EnsureSuccess().MarkedFields("vclab-file:")[0];
        return field == "-" ? null : Encoding.UTF8.GetString(Convert.FromBase64String(field));
    }

    private static async Task WriteAsync(IHostShell host, string path, string content, CancellationToken cancellationToken)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        (await host.RunAsync($"printf '%s' {Sh.Quote(encoded)} | base64 -d > {Sh.Quote($"{path}.vclab-tmp")} && mv -- {Sh.Quote($"{path}.vclab-tmp")} {Sh.Quote(path)}", cancellationToken)).EnsureSuccess();
    }
}
