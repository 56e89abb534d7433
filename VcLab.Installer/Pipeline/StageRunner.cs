using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VcLab.Installer.Pipeline;

/// <summary>
/// Runs the stages in dependency order (the role's order where free), each under its own timeout, span and log
/// scope; records status, "changed" and duration; wraps a failure with the stage's name; still runs clean-up
/// stages after a failure; and never lets an exception escape unlabelled.
/// </summary>
public sealed class StageRunner(IEnumerable<IInstallStage> stages, ILogger<StageRunner> logger)
{
    private readonly IReadOnlyList<IInstallStage> _ordered = StageGraph.Order(stages);

    public IReadOnlyList<string> StageNames => [.. _ordered.Select(stage => stage.Name)];

    public async Task<InstallRecap> RunAsync(InstallContext context, StageSelection selection, CancellationToken cancellationToken)
    {
        // One trace per run: the stages' spans (and the workers' during distribution) are children of this one.
        using var run = InstallerTelemetry.Source.StartActivity(InstallerTelemetry.RunSpan);
        run?.SetTag("vclab.check-mode", context.CheckMode);
        var reports = new List<StageReport>();
        var failed = false;
        foreach (var stage in _ordered)
        {
            var report = failed && !stage.AlwaysRun
                ? new StageReport(stage.Name, StageStatus.NotRun, TimeSpan.Zero, "an earlier stage failed")
                : await RunOneAsync(stage, context, selection, cancellationToken);
            reports.Add(report);
            failed |= !report.Succeeded && report.Status != StageStatus.NotRun;
        }

        var recap = new InstallRecap(reports);
        run?.SetTag("vclab.changed", recap.Count(StageStatus.Changed));
        run?.SetTag("vclab.failed", recap.Count(StageStatus.Failed) + recap.Count(StageStatus.TimedOut));
        run?.SetStatus(recap.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        return recap;
    }

    private async Task<StageReport> RunOneAsync(IInstallStage stage, InstallContext context, StageSelection selection, CancellationToken cancellationToken)
    {
        var skip = !context.Settings.VirtualCluster.Enabled ? "virtualcluster_enabled is false"
            : !selection.Includes(stage.Name) ? "not selected (--tags / --skip-tags)"
            : stage.SkipReason(context);
        if (skip is not null)
        {
            InstallerLog.StageSkipped(logger, stage.Name, skip);
            return Record(stage.Name, StageStatus.Skipped, TimeSpan.Zero, skip);
        }

        using var activity = InstallerTelemetry.Source.StartActivity(stage.Name);
        activity?.SetTag("vclab.stage", stage.Name);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Stage"] = stage.Name });
        var timeout = stage.Timeout(context);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        InstallerLog.StageStarting(logger, stage.Name);
        StageReport report;
        try
        {
            var result = await stage.ExecuteAsync(context, timeoutSource.Token);
            report = Record(stage.Name, result.Changed ? StageStatus.Changed : StageStatus.Ok, Stopwatch.GetElapsedTime(started), result.Summary);
            InstallerLog.StageFinished(logger, stage.Name, report.Status, report.Duration.TotalSeconds, result.Summary);
        }
        catch (OperationCanceledException exception) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var message = $"timed out after {timeout.TotalSeconds:F0} s";
            report = Record(stage.Name, StageStatus.TimedOut, Stopwatch.GetElapsedTime(started), message, new StageFailedException(stage.Name, new TimeoutException(message, exception)));
            InstallerLog.StageFailed(logger, stage.Name, message);
            InstallerLog.StageFailedDetail(logger, report.Error!, stage.Name);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            const string Message = "cancelled (the installer was stopped: Ctrl+C or SIGTERM); what it had started on the hosts was stopped there. Run again to finish";
            report = Record(stage.Name, StageStatus.Failed, Stopwatch.GetElapsedTime(started), Message, new StageFailedException(stage.Name, new OperationCanceledException(Message, exception)));
            InstallerLog.StageFailed(logger, stage.Name, Message);
        }
        catch (Exception exception)
        {
            var wrapped = new StageFailedException(stage.Name, exception);
            report = Record(stage.Name, StageStatus.Failed, Stopwatch.GetElapsedTime(started), exception.Message, wrapped);
            InstallerLog.StageFailed(logger, stage.Name, exception.Message);
            InstallerLog.StageFailedDetail(logger, wrapped, stage.Name);
            activity?.AddException(exception);
        }

        activity?.SetTag("vclab.status", report.Status.ToString());
        activity?.SetTag("vclab.changed", report.Status == StageStatus.Changed);
        activity?.SetStatus(report.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, report.Succeeded ? null : report.Message);
        return report;
    }

    private static StageReport Record(string stage, StageStatus status, TimeSpan duration, string message, Exception? error = null)
    {
        InstallerTelemetry.StageDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("vclab.stage", stage),
            new KeyValuePair<string, object?>("vclab.status", status.ToString()));
        return new StageReport(stage, status, duration, message, error);
    }
}
