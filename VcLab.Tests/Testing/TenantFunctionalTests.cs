using System.Text;
using k8s;
using k8s.Models;
using VcLab.Testing;

namespace VcLab.Tests.Testing;

/// <summary>
/// What a person does first with VirtualCluster, and what a suite gets from <see cref="VcLabFixture.CreateTenantAsync"/>:
/// a tenant cluster of its own whose workloads the syncer runs on the super cluster's workers.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class TenantFunctionalTests(VcLabFixture lab)
{
    private const string Image = "debian:bookworm-slim";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tenant_Deployment_RunsOnTheSuperClustersWorkers_WithLogsExecAndDnsThroughTheTenant()
    {
        // Given a tenant of this test's own, and an image on every worker
        await lab.LoadImageAsync(Image, Token);
        string superNamespace;
        await using (var tenant = await lab.CreateTenantAsync(Token))
        {
            superNamespace = tenant.SuperNamespaceOf("default");

            // Then its kubeconfig (owner-only) reaches its own API server, which lists its own namespaces
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tenant.KubeconfigPath));
            var namespaces = (await tenant.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.Select(item => item.Metadata.Name).ToList();
            Assert.Contains("default", namespaces);
            Assert.Contains("kube-system", namespaces);

            // When a Deployment and a Service are created in the tenant
            await tenant.Client.AppsV1.CreateNamespacedDeploymentAsync(Greeter(), "default", cancellationToken: Token);
            var service = await tenant.Client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = "greeter" },
                    Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "greeter" }, Ports = [new V1ServicePort { Port = 80 }] },
                },
                "default",
                cancellationToken: Token);
            var pods = await WaitForRunningAsync(tenant.Client, "default", 2);

            // Then the syncer runs its pods on the super cluster's workers, in the tenant's namespace there, status synced back
            var superPods = (await lab.Client.CoreV1.ListNamespacedPodAsync(superNamespace, labelSelector: "app=greeter", cancellationToken: Token)).Items;
            Assert.Equal(2, superPods.Count(pod => pod.Status.Phase == "Running"));
            Assert.All(superPods, pod => Assert.Contains(pod.Spec.NodeName, lab.Cluster.Workers.Select(worker => worker.Name)));
            Assert.All(pods, pod => Assert.False(string.IsNullOrEmpty(pod.Status.PodIP)));
            Assert.Contains((await lab.Client.CoreV1.ListNamespacedServiceAsync(superNamespace, cancellationToken: Token)).Items, item => item.Metadata.Name == "greeter");
            Assert.Contains((await lab.Client.CoreV1.ListNamespacedServiceAsync(superNamespace, cancellationToken: Token)).Items, item => item.Metadata.Name == "kubernetes");

            // And logs and exec reach the pod through the tenant's API server and vn-agent
            var pod = pods[0].Metadata.Name;
            await using (var log = await tenant.Client.CoreV1.ReadNamespacedPodLogAsync(pod, "default", cancellationToken: Token))
            {
                Assert.Contains("hello from the tenant", await new StreamReader(log).ReadToEndAsync(Token), StringComparison.Ordinal);
            }

            Assert.Equal("exec works", (await ExecAsync(tenant.Client, pod, ["sh", "-c", "echo exec works"])).Trim());
            var agentLogs = new StringBuilder();
            foreach (var agent in (await lab.Client.CoreV1.ListNamespacedPodAsync("vc-manager", labelSelector: "app=vn-agent", cancellationToken: Token)).Items)
            {
                await using var agentLog = await lab.Client.CoreV1.ReadNamespacedPodLogAsync(agent.Metadata.Name, "vc-manager", cancellationToken: Token);
                agentLogs.Append(await new StreamReader(agentLog).ReadToEndAsync(Token));
            }

            // (vn-agent holds the super cluster's kubelet client certificate, so it talks to the kubelets directly)
            Assert.Contains("will forward request to kubelet", agentLogs.ToString(), StringComparison.Ordinal);

            // And a pod in the tenant resolves the tenant's Service by name through the tenant's DNS
            var resolved = await ExecAsync(tenant.Client, pod, ["getent", "hosts", "greeter.default.svc.cluster.local"]);
            Assert.StartsWith(service.Spec.ClusterIP + " ", resolved, StringComparison.Ordinal);
        }

        // When the tenant is disposed, then its namespaces are gone from the super cluster
        var left = (await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.Select(item => item.Metadata.Name);
        Assert.DoesNotContain(superNamespace, left);
    }

    private static V1Deployment Greeter() => new()
    {
        Metadata = new V1ObjectMeta { Name = "greeter" },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "greeter" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "greeter" } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "greeter",
                            Image = Image,
                            ImagePullPolicy = "IfNotPresent",
                            Command = ["sh", "-c", "echo hello from the tenant; trap 'exit 0' TERM; while :; do sleep 1; done"],
                        },
                    ],
                },
            },
        },
    };

    private static async Task<IList<V1Pod>> WaitForRunningAsync(IKubernetes client, string ns, int expected) =>
        [.. await VcLab.Tests.Infrastructure.Workloads.WaitForRunningPodsAsync(client, ns, expected, Token)];

    private static async Task<string> ExecAsync(IKubernetes client, string pod, string[] command)
    {
        var output = new StringBuilder();
        var exitCode = await client.NamespacedPodExecAsync(pod, "default", "greeter", command, tty: false, async (_, stdout, _) =>
        {
            using var reader = new StreamReader(stdout);
            output.Append(await reader.ReadToEndAsync(Token));
        }, Token);
        Assert.True(exitCode == 0, $"{string.Join(' ', command)} exited {exitCode}: {output}");
        return output.ToString();
    }
}
