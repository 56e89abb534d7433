using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Images;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// distribute-to-workers.yml: the worker list from the API (control-plane nodes left out); each worker reached from
/// the control plane as virtualcluster_ssh_user, in parallel (bounded), with a span of its own. A worker that fails
/// is named; the others are finished; a re-run completes the job and skips workers that already hold the images.
/// </summary>
internal sealed class DistributeToWorkersStage(IClusterNodes nodes, IHostAccess hosts, ILogger<DistributeToWorkersStage> logger) : IInstallStage
{
    public string Name => StageNames.DistributeToWorkers;

    public IReadOnlyList<string> DependsOn => [StageNames.UploadToCtrlplane];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var uploaded = context.Find<UploadedImages>()?.Set ?? throw new InvalidOperationException("distribute-to-workers needs upload-to-ctrlplane (run it too).");
        var workers = await nodes.WorkerNamesAsync(cancellationToken);
        if (workers.Count == 0)
        {
            throw new InvalidOperationException("The super cluster has no worker nodes (every node is labelled control-plane or master).");
        }

        await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
        var script = await DistributeScript.UploadAsync(controlPlane, context.Settings, uploaded, cancellationToken);

        var outcomes = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(
            workers,
            new ParallelOptions { MaxDegreeOfParallelism = context.Settings.Ssh.Parallelism, CancellationToken = cancellationToken },
            async (worker, token) =>
            {
                using var span = InstallerTelemetry.Source.StartActivity($"{Name} {worker}");
                span?.SetTag("vclab.worker", worker);
                var lockFile = $"{uploaded.Directory.TrimEnd('/')}/.vclab-{worker}.lock";
                var result = await controlPlane.RunAsync(HostLock.Exclusive(lockFile, $"sh {Sh.Quote(script)} {Sh.Quote(worker)}"), token);
                var summary = result.Output.Trim();
                if (result.Succeeded)
                {
                    outcomes[worker] = summary;
                    span?.SetTag("vclab.changed", summary.Contains(" imported", StringComparison.Ordinal));
                }
                else
                {
                    failures[worker] = string.Join(" | ", summary.Split('\n').TakeLast(4));
                    span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failures[worker]);
                }

                InstallerLog.WorkerDone(logger, worker, result.Succeeded ? summary.Replace('\n', ';') : $"FAILED: {failures[worker]}");
            });

        if (!failures.IsEmpty)
        {
            throw new ProblemsException(
                $"Distribution failed on {failures.Count} of {workers.Count} workers (the others are done; run again to finish)",
                [.. failures.OrderBy(pair => pair.Key).Select(pair => $"worker {pair.Key}: {pair.Value}")]);
        }

        var imported = outcomes.Values.Sum(summary => summary.Split('\n').Count(line => line.EndsWith(" imported", StringComparison.Ordinal)));
        var wanted = workers.Count * uploaded.Images.Count;
        return new StageResult(imported > 0, imported switch
        {
            0 => $"{workers.Count} workers already held all {wanted} images with the same image IDs",
            _ when imported == wanted => $"{workers.Count} workers: all {imported} images imported and pinned",
            _ => $"{workers.Count} workers: {imported} of {wanted} images imported and pinned; the other {wanted - imported} were already there with the same image IDs",
        });
    }
}
