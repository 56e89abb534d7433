using k8s.Models;

namespace VcLab.Installer.Stages;

/// <summary>
/// Tells Warning events that are known transients from real problems. Pure: the events and which pods are healthy in,
/// an explanation (or null for a problem) out.
/// </summary>
internal static class WarningExplanations
{
    /// <summary>Why a Warning event about a healthy object is no problem, or null when it is one.</summary>
    public static string? Explain(Corev1Event warning, bool podHealthy)
    {
        var subject = $"{warning.Reason} on {warning.InvolvedObject.Kind} {warning.InvolvedObject.Name}";
        if (warning.Reason == "FailedMount" && warning.Message?.Contains("failed to sync secret cache", StringComparison.Ordinal) == true && podHealthy)
        {
            return $"{subject}: a transient of v1.20's Node authorizer in the second after the pod was bound; its volume was mounted and it runs";
        }

        if (warning.InvolvedObject.Kind == "Pod" && podHealthy)
        {
            return $"{subject} ({warning.Message}): the pod is running and ready now";
        }

        return null;
    }
}
