using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// Removes the object of a pod that is being deleted and runs nothing any more (<see cref="Stages.PodDiagnosis.RunsNothing"/>)
/// at once, rather than waiting for the kubelet to let go of it (v1.20's takes 10-60 s after the containers have
/// exited). Only that very pod: the UID precondition leaves a pod made again under its name alone, as it does a pod
/// already gone.
/// </summary>
internal static class StoppedPod
{
    public static async Task RemoveAsync(IKubernetes api, V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await api.CoreV1.DeleteNamespacedPodAsync(
                pod.Metadata.Name,
                pod.Metadata.NamespaceProperty,
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or another pod of that name now (the precondition failed): nothing of this one to remove.
        }
    }
}
