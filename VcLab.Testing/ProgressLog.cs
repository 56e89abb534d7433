namespace VcLab.Testing;

/// <summary>
/// The lab's progress while it comes up (its phases, image builds, installer stages, tenants), a line each, appended
/// to the file <c>VCLAB_PROGRESS_LOG</c> names. The test platform shows nothing of a fixture's start until the run
/// ends; <c>eng/run-tests.sh</c> follows this file on the console instead. Unset: nothing is written.
/// </summary>
public static class ProgressLog
{
    private static readonly string? File = Environment.GetEnvironmentVariable("VCLAB_PROGRESS_LOG");
    private static readonly Lock Gate = new();

    private static readonly HashSet<string> ProgressEvents = new(StringComparer.Ordinal)
    {
        "ClusterPhase", "ClusterReady", "ImageBuilding", "ImageStillBuilding", "ImageBuilt", "StageStarting", "StageFinished", "StageFailed", "TenantReady", "TenantCreated", "TenantDeleted", "TenantAlreadyGone", "Installed",
    };

    /// <summary>Whether a log line is a step of the lab's progress (or a warning), not detail.</summary>
    public static bool IsProgress(string? eventName, Microsoft.Extensions.Logging.LogLevel level) =>
        ProgressEvents.Contains(eventName ?? string.Empty) || level >= Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Whether a log line is a tenant's creation or deletion, with how long it took.</summary>
    public static bool IsTenantStep(string? eventName) => eventName is "TenantCreated" or "TenantDeleted" or "TenantAlreadyGone";

    public static void Write(string line)
    {
        if (File is null)
        {
            return;
        }

        lock (Gate)
        {
            System.IO.File.AppendAllText(File, $"{DateTime.Now:HH:mm:ss} {line}{Environment.NewLine}");
        }
    }
}
