using k8s.Models;

namespace VcLab.Installer.Stages;

/// <summary>
/// Tells Warning events that are known transients from real problems. Pure: an event and whether what it is about is
/// healthy now (a pod running and ready, a Service with a ready endpoint) in, an explanation (or null for a problem) out.
/// </summary>
internal static class WarningExplanations
{
    /// <summary>
    /// Why a Warning event about a healthy object is no problem, or null when it is one. An event about Endpoints is
    /// healthy when the Service of the same name is (see <see cref="HealthKey"/>).
    /// </summary>
    public static string? Explain(Corev1Event warning, bool healthy)
    {
        var subject = $"{warning.Reason} on {warning.InvolvedObject.Kind} {warning.InvolvedObject.Name}";
        if (warning.Reason == "FailedMount" && warning.Message?.Contains("failed to sync secret cache", StringComparison.Ordinal) == true && healthy)
        {
            return $"{subject}: a transient of v1.20's Node authorizer in the second after the pod was bound; its volume was mounted and it runs";
        }

        if (warning.Reason == "FailedToUpdateEndpointSlices" && warning.Message?.Contains("the object has been modified", StringComparison.Ordinal) == true && healthy)
        {
            // Seen after the API server restarted: the controller's cached copy was older than the stored one.
            return $"{subject}: the EndpointSlice controller wrote over a newer version (a conflict it retries); the Service has a ready endpoint now";
        }

        if (warning.Reason == "FailedToUpdateEndpoint" && warning.Message?.Contains("the object has been modified", StringComparison.Ordinal) == true && healthy)
        {
            // The Endpoints controller's form of the same conflict, on the Endpoints named after the Service.
            return $"{subject}: the Endpoints controller wrote over a newer version (a conflict it retries); the Service has a ready endpoint now";
        }

        if (warning.InvolvedObject.Kind == "Pod" && healthy)
        {
            return $"{subject} ({warning.Message}): the pod is running and ready now";
        }

        return null;
    }

    /// <summary>
    /// What a warning's health is judged by, as "Kind/name": the object itself, or for Endpoints the Service they are
    /// named after (their controller writes them for it).
    /// </summary>
    public static string HealthKey(Corev1Event warning) =>
        warning.InvolvedObject.Kind == "Endpoints" ? $"Service/{warning.InvolvedObject.Name}" : $"{warning.InvolvedObject.Kind}/{warning.InvolvedObject.Name}";
}
