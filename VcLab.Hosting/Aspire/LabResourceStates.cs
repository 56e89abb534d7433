using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace VcLab.Hosting.Aspire;

/// <summary>How the lab's resources report themselves in the dashboard: a phase, Running with properties, or failed.</summary>
internal static class LabResourceStates
{
    public static Task PhaseAsync(ResourceNotificationService notifications, IResource resource, string phase) =>
        notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = new ResourceStateSnapshot(phase, KnownResourceStateStyles.Info) });

    public static Task RunningAsync(ResourceNotificationService notifications, IResource resource, params (string Name, string Value)[] properties) =>
        notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
            Properties = [.. snapshot.Properties.Where(property => properties.All(added => added.Name != property.Name)),
                .. properties.Select(property => new ResourcePropertySnapshot(property.Name, property.Value))],
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
