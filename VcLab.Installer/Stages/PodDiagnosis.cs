using k8s.Models;

namespace VcLab.Installer.Stages;

/// <summary>
/// Whether a pod runs, waits for something that will fix itself, or waits in vain; what a person would look at for
/// one that does not run is read by <see cref="Kubernetes.PodDescriptions"/>.
/// </summary>
internal static class PodDiagnosis
{
    /// <summary>Reasons that do not fix themselves: waiting longer would only delay the error.</summary>
    public static readonly IReadOnlySet<string> Hopeless = new HashSet<string>(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CreateContainerConfigError", "CrashLoopBackOff",
    };

    /// <summary>
    /// A crash loop is hopeless only once it has gone on for a while (5 restarts, about two and a half minutes of
    /// kubelet back-off): a component that lost the API server (restarted, briefly away) crashes and comes back by itself.
    /// </summary>
    public const int CrashLoopRestartsBeforeHopeless = 5;

    /// <summary>Whether the pod waits for a reason that will not fix itself.</summary>
    public static bool IsHopeless(V1Pod pod) =>
        WaitingReason(pod) is { } reason && Hopeless.Contains(reason)
        && (reason != "CrashLoopBackOff" || pod.Status.ContainerStatuses.Max(status => status.RestartCount) >= CrashLoopRestartsBeforeHopeless);

    public static string? WaitingReason(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(status => status.State?.Waiting?.Reason).FirstOrDefault(reason => reason is not null);

    /// <summary>
    /// The pod is being deleted and the kubelet reports none of its containers running: stopped, or never started (after
    /// it removes a stopped container, v1.20's kubelet reports it as waiting in ContainerCreating). Removing its object
    /// at once (grace 0) cuts nothing short; the kubelet cleans up whatever is left of a pod the API no longer has.
    /// </summary>
    public static bool RunsNothing(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is not null
        && (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []).All(container => container.State?.Running is null);

    public static bool IsRunningAndReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && pod.Status.ContainerStatuses?.All(status => status.Ready) == true;
}
