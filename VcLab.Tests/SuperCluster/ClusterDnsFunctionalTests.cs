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
        var service = await lab.Client.CoreV1.ReadNamespacedServiceAsync(ClusterDns.ServiceName, "kube-system", cancellationToken: Token);
        Assert.Equal(ClusterNetwork.DnsServiceAddress.ToString(), service.Spec.ClusterIP);
        var deployment = await lab.Client.AppsV1.ReadNamespacedDeploymentAsync(ClusterDns.Name, "kube-system", cancellationToken: Token);
        Assert.Equal(1, deployment.Status.ReadyReplicas);
        var events = await lab.Client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: Token);
        Assert.DoesNotContain(events.Items, item => item.Reason == "MissingClusterDNS");
    }
}
