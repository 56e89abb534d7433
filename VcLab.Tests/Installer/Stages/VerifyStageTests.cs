using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// verify's own decisions (which pods must run where, a pod that cannot start, Warning events judged against what is
/// healthy now), with the super cluster's state and the components' checks in memory; the functional tests verify the
/// real components on the lab.
/// </summary>
public sealed class VerifyStageTests
{
    private static readonly string[] Workers = ["worker-1", "worker-2"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ComponentsRunWhereTheyShould_PassesSayingWhatItChecked()
    {
        var cluster = new InMemoryClusterState(Healthy());
        var checks = new AnsweringComponentChecks();

        var result = await Stage(cluster, checks).ExecuteAsync(Context(), Token);

        Assert.False(result.Changed);
        Assert.Equal(
            "vc-manager (webhook served, leader), vc-syncer (leader) Running; vn-agent answering on 2/2 workers; no Warning events",
            result.Summary);
        Assert.Equal(Workers, checks.AgentWorkersAsked);
    }

    [Fact]
    public void SkipReason_CheckMode_NothingWasDeployedToVerify()
    {
        var stage = Stage(new InMemoryClusterState(Healthy()), new AnsweringComponentChecks());

        Assert.Equal("check mode: nothing was deployed to verify", stage.SkipReason(new InstallContext(InstallerSettings.Defaults(), checkMode: true)));
        Assert.Null(stage.SkipReason(Context()));
    }

    [Fact]
    public async Task Execute_VnAgentAlsoOnTheControlPlane_FailsNamingThePodAndItsNode()
    {
        var cluster = new InMemoryClusterState([.. Healthy(), Pod("vn-agent-cp", ManifestNames.VnAgent, "control-plane")]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(), Token));

        Assert.Equal("vn-agent runs on non-worker nodes: vn-agent-cp on control-plane.", failure.Message);
    }

    [Fact]
    public async Task Execute_APodCannotPullItsImage_FailsAtTheFirstLook_WithWhatAPersonWouldLookAt()
    {
        // Given vc-manager's pod waits for an image it cannot pull, and verify would wait five minutes for pods
        var pods = Healthy();
        pods[0] = Pod("vc-manager-0", ManifestNames.Manager, "worker-1", waiting: "ImagePullBackOff");
        var cluster = new InMemoryClusterState(pods);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(verifyTimeoutSeconds: 300), Token));

        // Then it does not wait: the pods were looked at once, and the error describes the pod
        Assert.Equal(1, cluster.PodReads);
        Assert.Equal($"A pod cannot start{Environment.NewLine}pod vc-manager-0 on node worker-1: Pending ImagePullBackOff", failure.Message);
    }

    [Fact]
    public async Task Execute_AWorkerWithoutItsVnAgent_FailsAfterTheTimeout_NamingWhatIsMissing()
    {
        var pods = Healthy();
        pods[3] = Pod("vn-agent-2", ManifestNames.VnAgent, "worker-2", waiting: "ContainerCreating");
        var cluster = new InMemoryClusterState(pods);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(verifyTimeoutSeconds: 1), Token));

        Assert.Equal($"Not running after 1 s: vn-agent on worker-2{Environment.NewLine}pod vn-agent-2 on node worker-2: Pending ContainerCreating", failure.Message);
        Assert.True(cluster.PodReads > 1, "the pods are looked at again until the timeout");
    }

    [Fact]
    public async Task Execute_AComponentCheckTimesOut_TheStageFailsWithIt()
    {
        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            Stage(new InMemoryClusterState(Healthy()), new AnsweringComponentChecks(failing: "leaders")).ExecuteAsync(Context(), Token));

        Assert.StartsWith("vc-manager and vc-syncer have elected their leaders: not so after", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_AWarningAboutAPodThatIsReadyOnTheNextLook_IsExplained_NotAProblem()
    {
        // Given a BackOff warning about the syncer's pod, not ready at the first look at the warnings, ready at the next
        var notReady = Healthy();
        notReady[1] = Pod("vc-syncer-0", ManifestNames.Syncer, "worker-2", waiting: "CrashLoopBackOff");
        var cluster = new InMemoryClusterState([Healthy(), notReady, Healthy()]);
        cluster.Events.Add(Warning("Pod", "vc-syncer-0", "BackOff", "Back-off restarting failed container"));

        var result = await Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(), Token);

        Assert.EndsWith(
            "1 Warning events, each explained: BackOff on Pod vc-syncer-0 (Back-off restarting failed container): the pod is running and ready now",
            result.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_AnEndpointsConflictAfterAnApiServerRestart_IsJudgedByItsService()
    {
        // Given the Endpoints controller's conflict on the webhook's Endpoints (seen in CI after the API server restarted)
        const string conflict = "Failed to update endpoint vc-manager/virtualcluster-webhook-service: Operation cannot be fulfilled on endpoints \"virtualcluster-webhook-service\": the object has been modified; please apply your changes to the latest version and try again";
        var served = new InMemoryClusterState(Healthy());
        served.Events.Add(Warning("Endpoints", ComponentChecks.WebhookService, "FailedToUpdateEndpoint", conflict));
        var unserved = new InMemoryClusterState(Healthy());
        unserved.Events.Add(Warning("Endpoints", ComponentChecks.WebhookService, "FailedToUpdateEndpoint", conflict));
        unserved.ReadyServices.Clear();

        // When verified with the webhook's Service served, and without (a short deadline: it is judged until then)
        var result = await Stage(served, new AnsweringComponentChecks()).ExecuteAsync(Context(), Token);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(unserved, new AnsweringComponentChecks()).ExecuteAsync(Context(verifyTimeoutSeconds: 3), Token));

        // Then it is the retried conflict while the Service has a ready endpoint, and a problem when it has none
        Assert.Contains("FailedToUpdateEndpoint on Endpoints virtualcluster-webhook-service: the Endpoints controller wrote over a newer version", result.Summary, StringComparison.Ordinal);
        Assert.Contains($"Endpoints {ComponentChecks.WebhookService}: FailedToUpdateEndpoint", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_AnUnexplainedWarning_FailsListingIt_AndAnOldOneIsNotJudged()
    {
        // Given a run that began at a time of its clock, a warning about a Deployment since then, and one from an hour before
        var began = new DateTimeOffset(2031, 3, 14, 9, 30, 0, TimeSpan.Zero);
        var cluster = new InMemoryClusterState(Healthy());
        cluster.Events.Add(Warning("Deployment", "vc-manager", "FailedCreate", "quota exceeded", began.UtcDateTime.AddSeconds(10)));
        cluster.Events.Add(Warning("Deployment", "vc-syncer", "FailedCreate", "from an earlier run", began.UtcDateTime.AddHours(-1)));
        var context = new InstallContext(Context().Settings, checkMode: false, new FakeTimeProvider(began));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(context, Token));

        Assert.Equal($"Warning events in vc-manager since the run began:{Environment.NewLine}  Deployment vc-manager: FailedCreate: quota exceeded", failure.Message);
    }

    [Fact]
    public async Task Execute_TheNamespaceWasDeleted_FailsNamingItsSetting()
    {
        var cluster = new InMemoryClusterState(Healthy());
        cluster.Namespaces.Clear();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(), Token));

        Assert.StartsWith("The namespace vc-manager (virtualcluster_namespace) does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_ACrdIsNotEstablished_FailsNamingIt_AndWhereToLook()
    {
        var cluster = new InMemoryClusterState(Healthy());
        cluster.Crds[CustomResourceDefinitions.VirtualClusters].Status = new() { Conditions = [new() { Type = "Established", Status = "False" }] };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(cluster, new AnsweringComponentChecks()).ExecuteAsync(Context(), Token));

        Assert.Equal($"CRD {CustomResourceDefinitions.VirtualClusters} is missing or not Established: see 'kubectl get crd {CustomResourceDefinitions.VirtualClusters} -o yaml'.", failure.Message);
    }

    /// <summary>vc-manager and the syncer on a worker each, a vn-agent on every worker, all running and ready.</summary>
    private static V1Pod[] Healthy() =>
    [
        Pod("vc-manager-0", ManifestNames.Manager, "worker-1"),
        Pod("vc-syncer-0", ManifestNames.Syncer, "worker-2"),
        Pod("vn-agent-1", ManifestNames.VnAgent, "worker-1"),
        Pod("vn-agent-2", ManifestNames.VnAgent, "worker-2"),
    ];

    private static V1Pod Pod(string name, string app, string node, string? waiting = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "vc-manager", Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { NodeName = node },
        Status = new V1PodStatus
        {
            Phase = waiting is null ? "Running" : "Pending",
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = app,
                    Ready = waiting is null,
                    State = waiting is null ? new V1ContainerState { Running = new V1ContainerStateRunning() } : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting } },
                },
            ],
        },
    };

    private static Corev1Event Warning(string kind, string name, string reason, string message, DateTime? at = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{name}.{reason}", NamespaceProperty = "vc-manager" },
        Type = "Warning",
        InvolvedObject = new V1ObjectReference { Kind = kind, Name = name },
        Reason = reason,
        Message = message,
        LastTimestamp = at ?? DateTime.UtcNow,
    };

    private static VerifyStage Stage(InMemoryClusterState cluster, AnsweringComponentChecks checks) =>
        new(cluster, new FixedClusterNodes(Workers), checks, TimeProvider.System, NullLogger<VerifyStage>.Instance);

    private static InstallContext Context(int verifyTimeoutSeconds = 30)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.VirtualCluster.VerifyTimeoutSeconds = verifyTimeoutSeconds;
        return new InstallContext(settings, checkMode: false);
    }
}
