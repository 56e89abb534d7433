using VcLab.Installer.Kubernetes;
using k8s;
using k8s.Models;
using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>The super cluster's DNS (CoreDNS behind kube-dns), as pods on every node use it.</summary>
[Collection(SuperClusterCollection.Name)]
public sealed class ClusterDnsFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PodOnEveryNode_ResolvesTheKubernetesServiceAndAHeadlessServicesPod()
    {
        // Given a pod behind a headless Service (web-0.web), and Debian's userland on every node
        var ns = $"dns-{Guid.NewGuid().ToString("N")[..6]}";
        await lab.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Token);
        var sleeper = await TestImages.SleeperAsync(lab.Docker, Token);
        await SideLoader.LoadAsync(lab.Docker, sleeper, lab.Cluster.Workers, Token);
        await SideLoader.LoadAsync(lab.Docker, "debian:bookworm-slim", lab.Cluster.Nodes, Token);
        await lab.Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { ClusterIP = "None", Selector = new Dictionary<string, string> { ["app"] = "web" } } },
            ns,
            cancellationToken: Token);
        var web = Workloads.OneShotPod("web-0", sleeper, []);
        web.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        web.Spec.Hostname = "web-0";
        web.Spec.Subdomain = "web";
        web.Spec.ServiceAccountName = null;
        web.Spec.AutomountServiceAccountToken = false;
        await lab.Client.CoreV1.CreateNamespacedPodAsync(web, ns, cancellationToken: Token);
        await Workloads.WaitForRunningPodsAsync(lab.Client, ns, expected: 1, Token);

        // When a pod on each node looks both names up through the cluster DNS
        foreach (var node in lab.Cluster.Nodes)
        {
            var probe = Workloads.OneShotPod($"resolve-{node.Index}", "debian:bookworm-slim", []);
            probe.Spec.NodeName = node.Name;
            probe.Spec.AutomountServiceAccountToken = false;
            probe.Spec.Containers[0].Command = ["sh", "-c", $"getent hosts kubernetes.default.svc.cluster.local && getent hosts web-0.web.{ns}.svc.cluster.local && cat /etc/resolv.conf"];
            await lab.Client.CoreV1.CreateNamespacedPodAsync(probe, ns, cancellationToken: Token);
        }

        // Then each found the kubernetes Service's address and the pod's, using kube-dns
        var address = (await lab.Client.CoreV1.ReadNamespacedPodAsync("web-0", ns, cancellationToken: Token)).Status.PodIP;
        foreach (var node in lab.Cluster.Nodes)
        {
            var name = $"resolve-{node.Index}";
            var phase = await Workloads.WaitForPodCompletionAsync(lab.Client, ns, name, Token);
            var log = await Workloads.ReadLogAsync(lab.Client, ns, name, Token);
            Assert.True(phase == "Succeeded", $"on {node.Name}: {phase}: {log}");
            Assert.Contains($"{ClusterNetwork.KubernetesServiceAddress} ", log, StringComparison.Ordinal);
            Assert.Contains($"{address} ", log, StringComparison.Ordinal);
            Assert.Contains($"nameserver {ClusterNetwork.DnsServiceAddress}", log, StringComparison.Ordinal);
        }

        await lab.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Token);
    }

    [Fact]
    public async Task Cluster_CoreDnsReady_AndNoPodWarnsOfMissingClusterDns()
    {
        // Given the lab's cluster
        // Then CoreDNS runs behind kube-dns at the cluster DNS address, and no MissingClusterDNS event exists
        var service = await lab.Client.CoreV1.ReadNamespacedServiceAsync(CoreDns.ServiceName, "kube-system", cancellationToken: Token);
        Assert.Equal(ClusterNetwork.DnsServiceAddress.ToString(), service.Spec.ClusterIP);
        var deployment = await lab.Client.AppsV1.ReadNamespacedDeploymentAsync(CoreDns.Name, "kube-system", cancellationToken: Token);
        Assert.Equal(1, deployment.Status.ReadyReplicas);
        var events = await lab.Client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: Token);
        Assert.DoesNotContain(events.Items, item => item.Reason == "MissingClusterDNS");
    }

    [Fact]
    [Fault]
    public async Task CoreDnsNotReady_TheClustersReadinessSaysSo_WithItsPodsLog()
    {
        // Given CoreDNS restarted with a Corefile it refuses (an upstream that is not an address)
        const string ns = "kube-system";
        var original = await lab.Client.CoreV1.ReadNamespacedConfigMapAsync(CoreDns.Name, ns, cancellationToken: Token);
        try
        {
            await SetCorefileAndRestartAsync(CoreDns.Corefile("not-an-address"));
            await VcLab.Installer.Waiting.Wait.UntilAsync("the new CoreDNS pod has failed once", async token =>
            {
                var pods = (await lab.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "k8s-app=kube-dns", cancellationToken: token)).Items;
                var crashed = pods.Any(pod => pod.Metadata.DeletionTimestamp is null && pod.Status.ContainerStatuses?.Any(status => status.LastState?.Terminated is not null || status.State.Terminated is not null) == true);
                return crashed ? VcLab.Installer.Waiting.Wait.Probe.Ready("crashed") : VcLab.Installer.Waiting.Wait.Probe.Waiting($"{pods.Count} pods, none crashed yet");
            }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeProvider.System, Token);

            // When the cluster's readiness waits for cluster DNS
            var error = await Assert.ThrowsAsync<SuperClusterException>(
                () => ClusterReadiness.WaitForDeploymentAsync(lab.Client, ns, CoreDns.Name, TimeSpan.FromSeconds(10), TimeProvider.System, Token));

            // Then it says which Deployment is not ready, names its pod, and quotes that pod's log (CoreDNS's own complaint)
            Assert.Contains($"Deployment {ns}/{CoreDns.Name} has no ready pod within 10 s", error.Message, StringComparison.Ordinal);
            Assert.Contains("Last lines of coredns-", error.Message, StringComparison.Ordinal);
            Assert.Contains("not-an-address", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            // And the lab's DNS is put back as it was
            await SetCorefileAndRestartAsync(original.Data["Corefile"]);
            await ClusterReadiness.WaitForDeploymentAsync(lab.Client, ns, CoreDns.Name, TimeSpan.FromSeconds(90), TimeProvider.System, CancellationToken.None);
        }

        async Task SetCorefileAndRestartAsync(string corefile)
        {
            var patch = new V1Patch(new { data = new Dictionary<string, string> { ["Corefile"] = corefile } }, V1Patch.PatchType.MergePatch);
            await lab.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, CoreDns.Name, ns, cancellationToken: CancellationToken.None);
            await lab.Client.CoreV1.DeleteCollectionNamespacedPodAsync(ns, labelSelector: "k8s-app=kube-dns", cancellationToken: CancellationToken.None);
        }
    }
}
