using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Kubernetes;

/// <summary>
/// The removal tenant deletion, pause and uninstall use for pods that run nothing any more, on the lab's real API server
/// and kubelets: it removes that pod, and never another pod made since under the same name.
/// </summary>
[Collection(SuperClusterCollection.Name)]
public sealed class StoppedPodFunctionalTests(SuperClusterFixture lab)
{
    private const string Image = "k8s.gcr.io/pause:3.2";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Remove_APodMadeAgainUnderItsName_IsLeftAlone_TheStoppedOneIsGone_AndAGoneOneIsFine()
    {
        // Given a pod, replaced since by another of the same name
        var ns = $"stopped-{Guid.NewGuid().ToString("N")[..6]}";
        await lab.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Token);
        try
        {
            await DefaultServiceAccountTokenAsync(ns);
            var first = await RunningPodAsync(ns);
            await lab.Client.CoreV1.DeleteNamespacedPodAsync("sleeper", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Token);
            await UntilGoneAsync(ns, first.Metadata.Uid);
            var second = await RunningPodAsync(ns);

            // When the first one is removed as a stopped pod
            await StoppedPod.RemoveAsync(lab.Client, first, Token);

            // Then the pod made again is still there, running, not being deleted
            var still = await lab.Client.CoreV1.ReadNamespacedPodAsync("sleeper", ns, cancellationToken: Token);
            Assert.Equal(second.Metadata.Uid, still.Metadata.Uid);
            Assert.Null(still.Metadata.DeletionTimestamp);

            // And when the second is deleted with its grace period and, once it runs nothing, removed
            await lab.Client.CoreV1.DeleteNamespacedPodAsync("sleeper", ns, cancellationToken: Token);
            var stopped = await UntilRunsNothingAsync(ns, second.Metadata.Uid);
            await StoppedPod.RemoveAsync(lab.Client, stopped, Token);

            // Then it is gone, and removing it again is fine
            var left = await lab.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Token);
            Assert.DoesNotContain(left.Items, pod => pod.Metadata.Uid == second.Metadata.Uid);
            await StoppedPod.RemoveAsync(lab.Client, stopped, Token);
        }
        finally
        {
            await lab.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);
        }
    }

    private async Task<V1Pod> RunningPodAsync(string ns)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "sleeper" },
            Spec = new V1PodSpec
            {
                // Long enough that the kubelet does not let go of it by itself while the test looks.
                TerminationGracePeriodSeconds = 120,
                Containers = [new V1Container { Name = "sleeper", Image = Image, ImagePullPolicy = "Never" }],
            },
        };
        await lab.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Token);
        return Assert.Single(await Workloads.WaitForRunningPodsAsync(lab.Client, ns, 1, Token));
    }

    /// <summary>A new namespace's pods are refused until the controller-manager has made its default service account's token.</summary>
    private async Task DefaultServiceAccountTokenAsync(string ns) =>
        await Wait.UntilAsync($"the default service account of {ns} has its token", async token =>
        {
            var account = await Absent.OrNullAsync(() => lab.Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns, cancellationToken: token));
            return account?.Secrets?.Count > 0 ? Wait.Probe.Ready("token made") : Wait.Probe.Waiting("no token yet");
        }, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);

    private async Task UntilGoneAsync(string ns, string uid) =>
        await Wait.UntilAsync($"pod {ns}/sleeper {uid} gone", async token =>
        {
            var pods = await lab.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: token);
            return pods.Items.Any(pod => pod.Metadata.Uid == uid) ? Wait.Probe.Waiting("still there") : Wait.Probe.Ready("gone");
        }, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);

    private async Task<V1Pod> UntilRunsNothingAsync(string ns, string uid)
    {
        V1Pod? stopped = null;
        await Wait.UntilAsync($"pod {ns}/sleeper {uid} runs nothing", async token =>
        {
            var pods = await lab.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: token);
            stopped = pods.Items.SingleOrDefault(pod => pod.Metadata.Uid == uid);
            return stopped is not null && PodDiagnosis.RunsNothing(stopped) ? Wait.Probe.Ready("stopped")
                : stopped is null ? throw new InvalidOperationException("the kubelet let go of the pod before the test could remove it (its grace period is 120 s)")
                : Wait.Probe.Waiting("containers still running");
        }, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);
        return stopped!;
    }
}
