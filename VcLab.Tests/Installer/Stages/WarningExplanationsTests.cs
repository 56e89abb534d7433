using k8s.Models;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

public sealed class WarningExplanationsTests
{
    [Fact]
    public void Explain_SecretCacheFailedMountOnARunningPod_IsTheNodeAuthorizerTransient()
    {
        // Given vn-agent's FailedMount from v1.20's Node authorizer, on a pod that runs now
        var warning = Event("FailedMount", "Pod", "vn-agent-abcde", "MountVolume.SetUp failed for volume \"kubelet-client-cert\" : failed to sync secret cache: timed out waiting for the condition");

        // When explained
        var explanation = WarningExplanations.Explain(warning, healthy: true);

        // Then it is named as the transient it is
        Assert.NotNull(explanation);
        Assert.Contains("Node authorizer", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WarningOnAPodThatIsStillNotReady_IsAProblem()
    {
        // Given a pod that cannot pull its image and is still not ready
        var warning = Event("Failed", "Pod", "vc-manager-xyz", "Failed to pull image \"virtualcluster/manager-amd64:missing\"");

        // When explained
        var explanation = WarningExplanations.Explain(warning, healthy: false);

        // Then it is not explained away
        Assert.Null(explanation);
    }

    [Fact]
    public void Explain_WarningOnAPodThatIsReadyNow_SaysSoWithTheEvent()
    {
        // Given a restart that is over
        var warning = Event("BackOff", "Pod", "vc-manager-xyz", "Back-off restarting failed container");

        // When explained
        var explanation = WarningExplanations.Explain(warning, healthy: true);

        // Then the explanation quotes the event and says the pod is ready
        Assert.NotNull(explanation);
        Assert.Contains("Back-off restarting failed container", explanation, StringComparison.Ordinal);
        Assert.Contains("ready now", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_EndpointSliceConflictOnAServiceWithReadyEndpoints_IsTheControllersRetriedConflict()
    {
        // Given the EndpointSlice controller's conflict, seen after an API server restart, on a Service that is served now
        var warning = Event("FailedToUpdateEndpointSlices", "Service", "virtualcluster-webhook-service",
            "Error updating Endpoint Slices for Service vc-manager/virtualcluster-webhook-service: failed to update virtualcluster-webhook-service-2x2zr EndpointSlice for Service vc-manager/virtualcluster-webhook-service: Operation cannot be fulfilled on endpointslices.discovery.k8s.io \"virtualcluster-webhook-service-2x2zr\": the object has been modified; please apply your changes to the latest version and try again");

        // When explained, with the Service served and without
        var served = WarningExplanations.Explain(warning, healthy: true);
        var unserved = WarningExplanations.Explain(warning, healthy: false);

        // Then it is the retried conflict only while the Service has a ready endpoint
        Assert.NotNull(served);
        Assert.Contains("a conflict it retries", served, StringComparison.Ordinal);
        Assert.Null(unserved);
    }

    private static Corev1Event Event(string reason, string kind, string name, string message) => new()
    {
        Reason = reason,
        Message = message,
        Type = "Warning",
        InvolvedObject = new V1ObjectReference { Kind = kind, Name = name },
        Metadata = new V1ObjectMeta { Name = $"{name}.1" },
    };
}
