using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// How the lab's resources report themselves in the dashboard: a phase, Running with properties (highlighted, so the
/// dashboard shows them without "Show all", in the order given), or failed.
/// </summary>
internal static class LabResourceStates
{
    public static Task PhaseAsync(ResourceNotificationService notifications, IResource resource, string phase) =>
        notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = new ResourceStateSnapshot(phase, KnownResourceStateStyles.Info) });

    /// <summary>A step in progress, said on the AppHost's console (prefixed with the resource's name) and as the resource's state.</summary>
    public static IProgress<string> Progress(ResourceNotificationService notifications, IResource resource) =>
        new Progress<string>(phase =>
        {
            LabConsole.Say($"{resource.Name}: {phase}");
            _ = PhaseAsync(notifications, resource, phase);
        });

    public static Task RunningAsync(ResourceNotificationService notifications, IResource resource, params (string Name, string Value)[] properties) =>
        notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
            Properties = [.. snapshot.Properties.Where(property => properties.All(added => added.Name != property.Name)),
                .. properties.Select((property, index) => new ResourcePropertySnapshot(property.Name, property.Value) { IsHighlighted = true, SortOrder = index })],
        });

    public static async Task FailedAsync(ResourceNotificationService notifications, IResource resource, ILogger log, Exception exception)
    {
        HostingLog.ResourceFailed(log, exception, resource.Name, exception.Message);
        LabConsole.Say($"{resource.Name} failed: {exception.Message}");
        await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = new ResourceStateSnapshot(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error),
        });
    }
}
