using Microsoft.Extensions.Logging;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer;

/// <summary>Every log message of the installer, in one catalogue.</summary>
internal static partial class InstallerLog
{
    [LoggerMessage(1, LogLevel.Information, "Stage {Stage} starting")]
    public static partial void StageStarting(ILogger logger, string stage);

    [LoggerMessage(2, LogLevel.Information, "Stage {Stage} {Status} in {Seconds:F1} s: {Summary}")]
    public static partial void StageFinished(ILogger logger, string stage, StageStatus status, double seconds, string summary);

    [LoggerMessage(3, LogLevel.Information, "Stage {Stage} skipped: {Reason}")]
    public static partial void StageSkipped(ILogger logger, string stage, string reason);

    [LoggerMessage(4, LogLevel.Error, "Stage {Stage} failed: {Reason}")]
    public static partial void StageFailed(ILogger logger, string stage, string reason);

    /// <summary>The failure's stack trace, for those who ask for debug logs; the error line above says what a person needs.</summary>
    [LoggerMessage(5, LogLevel.Debug, "Stage {Stage} failed with this exception")]
    public static partial void StageFailedDetail(ILogger logger, Exception exception, string stage);

    [LoggerMessage(10, LogLevel.Information, "{Kind} {Name}: {Outcome}")]
    public static partial void Applied(ILogger logger, string kind, string name, string outcome);

    [LoggerMessage(11, LogLevel.Information, "Waiting for the API at {Host}:{Port}")]
    public static partial void WaitingForApi(ILogger logger, string host, int port);

    [LoggerMessage(12, LogLevel.Information, "Wrote {Path}")]
    public static partial void ManifestWritten(ILogger logger, string path);

    [LoggerMessage(13, LogLevel.Information, "Verify: {Check}")]
    public static partial void VerifyPassed(ILogger logger, string check);

    [LoggerMessage(14, LogLevel.Warning, "Warning event on {Kind} {Name}: {Reason}: {Message}")]
    public static partial void WarningEvent(ILogger logger, string kind, string name, string reason, string message);

    [LoggerMessage(20, LogLevel.Warning, "virtualcluster_ssh_keyscan_enabled is false: host keys of {Host} are not checked")]
    public static partial void HostKeyChecksOff(ILogger logger, string host);

    [LoggerMessage(21, LogLevel.Information, "[{Host}] {Line}")]
    public static partial void HostOutput(ILogger logger, string host, string line);

    [LoggerMessage(22, LogLevel.Information, "Worker {Worker}: {Outcome}")]
    public static partial void WorkerDone(ILogger logger, string worker, string outcome);

    [LoggerMessage(23, LogLevel.Information, "[{Host}] patch {Outcome}")]
    public static partial void Patch(ILogger logger, string host, string outcome);

    [LoggerMessage(24, LogLevel.Information, "Verify explained a Warning event: {Explanation}")]
    public static partial void WarningExplained(ILogger logger, string explanation);

    [LoggerMessage(25, LogLevel.Warning, "No kubelet client certificate at {Certificate} and {Key} on {Host}: vn-agent gets an empty Secret and forwards requests through the API server")]
    public static partial void NoKubeletClient(ILogger logger, string host, string certificate, string key);

    [LoggerMessage(26, LogLevel.Information, "Tenant {Tenant} is Running (control plane in {ClusterNamespace}); kubeconfig: {KubeconfigPath}")]
    public static partial void TenantRunning(ILogger logger, string tenant, string clusterNamespace, string kubeconfigPath);

    [LoggerMessage(27, LogLevel.Warning, "The API did not answer (attempt {Attempt}): {Reason}; trying again in 2 s")]
    public static partial void ApiRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(28, LogLevel.Information, "Verify waits for {Subjects} to be healthy again before judging their Warning events")]
    public static partial void VerifyWaiting(ILogger logger, string subjects);

}
