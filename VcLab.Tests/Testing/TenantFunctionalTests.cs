using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;
using VcLab.Testing;
using VcLab.Tests.Infrastructure;

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
            // (to the address the Service has on the super cluster: the one the workers' kube-proxy routes)
            var address = await Workloads.WaitForSuperClusterAddressAsync(tenant.Client, "default", "greeter", Token);
            var resolved = await Wait.UntilAsync("the tenant's DNS answers with the Service's super-cluster address", async token =>
            {
                var answer = await ExecAsync(tenant.Client, pod, ["getent", "hosts", "greeter.default.svc.cluster.local"]);
                return answer.StartsWith(address + " ", StringComparison.Ordinal) ? Wait.Probe.Ready(answer) : Wait.Probe.Waiting(answer);
            }, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeProvider.System, Token);
            Assert.NotEqual(service.Spec.ClusterIP, address);
            Assert.StartsWith(address + " ", resolved, StringComparison.Ordinal);
        }

        // When the tenant is disposed, then its namespaces are gone from the super cluster
        var left = (await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.Select(item => item.Metadata.Name);
        Assert.DoesNotContain(superNamespace, left);
    }

    [Fact]
    public async Task Tenant_PodsUseItsConfigMapsAndSecrets_PortForwardReachesThem_AndASecondTenantSeesNoneOfIt()
    {
        // Given a tenant with a ConfigMap and a Secret, and a small web server that answers with both
        await lab.LoadImageAsync(Image, Token);
        await using var tenant = await lab.CreateTenantAsync(Token);
        var secret = $"token-{Guid.NewGuid():N}";
        await tenant.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "web-settings" }, Data = new Dictionary<string, string> { ["greeting"] = "hello from a ConfigMap" } },
            "default",
            cancellationToken: Token);
        await tenant.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "web-secret" }, StringData = new Dictionary<string, string> { ["token"] = secret } },
            "default",
            cancellationToken: Token);

        // When a Deployment takes the greeting from the ConfigMap (environment) and the token from the Secret (a volume)
        await tenant.Client.AppsV1.CreateNamespacedDeploymentAsync(WebServer(), "default", cancellationToken: Token);
        var pod = (await WaitForRunningAsync(tenant.Client, "default", 1))[0].Metadata.Name;

        // Then a port-forward through the tenant's API server and vn-agent reaches the pod's port, and the answer holds both
        var answer = await PortForwardGetAsync(tenant.Client, pod, 8080, secret);
        Assert.Contains($"hello from a ConfigMap; {secret}", answer, StringComparison.Ordinal);

        // When a Service fronts it, then another pod of the tenant reaches it by name: the tenant's DNS answers with the
        // address the Service has on the super cluster (the one the workers' kube-proxy routes)
        await tenant.Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
            },
            "default",
            cancellationToken: Token);
        await tenant.Client.CoreV1.CreateNamespacedPodAsync(Sleeper("client"), "default", cancellationToken: Token);
        await WaitForRunningAsync(tenant.Client, "default", 2);
        var superAddress = await Workloads.WaitForSuperClusterAddressAsync(tenant.Client, "default", "web", Token);
        Assert.Equal(superAddress, (await lab.Client.CoreV1.ReadNamespacedServiceAsync("web", tenant.SuperNamespaceOf("default"), cancellationToken: Token)).Spec.ClusterIP);
        var byName = await Wait.UntilAsync("a tenant pod reaches http://web.default.svc.cluster.local", async token =>
        {
            var output = await ExecAsync(tenant.Client, "client", "client",
                ["sh", "-c", "getent hosts web.default.svc.cluster.local; timeout 5 bash -c 'exec 3<>/dev/tcp/web.default.svc.cluster.local/80 && printf \"GET / HTTP/1.0\\r\\n\\r\\n\" >&3 && cat <&3' || true"]);
            return output.Contains(secret, StringComparison.Ordinal) ? Wait.Probe.Ready(output) : Wait.Probe.Waiting(output);
        }, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), TimeProvider.System, Token);
        Assert.StartsWith(superAddress + " ", byName, StringComparison.Ordinal);

        // And the Secret stays in the tenant: on the super cluster it is in the tenant's own namespace only
        var superSecrets = (await lab.Client.CoreV1.ListSecretForAllNamespacesAsync(fieldSelector: "metadata.name=web-secret", cancellationToken: Token)).Items;
        Assert.All(superSecrets, secret => Assert.Equal(tenant.SuperNamespaceOf("default"), secret.Metadata.NamespaceProperty));

        // When a second tenant is made, then it sees none of the first one's objects, and the same names are free in it
        await using var other = await lab.CreateTenantAsync(Token);
        Assert.DoesNotContain((await other.Client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: Token)).Items, item => item.Metadata.Name == "web-settings");
        Assert.DoesNotContain((await other.Client.CoreV1.ListNamespacedSecretAsync("default", cancellationToken: Token)).Items, item => item.Metadata.Name == "web-secret");
        Assert.Empty((await other.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Token)).Items);
        Assert.Empty((await other.Client.AppsV1.ListNamespacedDeploymentAsync("default", cancellationToken: Token)).Items);
        await other.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "web-settings" }, Data = new Dictionary<string, string> { ["greeting"] = "the other tenant's" } },
            "default",
            cancellationToken: Token);
        var first = await tenant.Client.CoreV1.ReadNamespacedConfigMapAsync("web-settings", "default", cancellationToken: Token);
        Assert.Equal("hello from a ConfigMap", first.Data["greeting"]);
        Assert.NotEqual(tenant.SuperNamespaceOf("default"), other.SuperNamespaceOf("default"));
    }

    [Fact]
    [Fault]
    public async Task Tenant_ItsEtcdContainerRestarts_TheTenantKeepsItsObjects()
    {
        // Given a tenant with a ConfigMap
        await using var tenant = await lab.CreateTenantAsync(Token);
        await tenant.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" }, Data = new Dictionary<string, string> { ["state"] = "written before the restart" } },
            "default",
            cancellationToken: Token);

        // When its etcd's container is killed (as a failed liveness probe or an out-of-memory kill would) and the kubelet starts it again
        var etcd = await lab.Client.CoreV1.ReadNamespacedPodAsync("etcd-0", tenant.ClusterNamespace, cancellationToken: Token);
        var node = lab.Cluster.Nodes.Single(item => item.Name == etcd.Spec.NodeName);
        var container = etcd.Status.ContainerStatuses.Single().ContainerID.Split("://")[1];
        var kill = await lab.Containers.ExecAsync(node.ContainerId, ["ctr", "-n", "k8s.io", "tasks", "kill", "--signal", "SIGKILL", container], Token);
        Assert.True(kill.Succeeded, kill.StandardError);
        await Wait.UntilAsync("the tenant's etcd-0 is Ready again after a restart", async token =>
        {
            var pod = await lab.Client.CoreV1.ReadNamespacedPodAsync("etcd-0", tenant.ClusterNamespace, cancellationToken: token);
            var status = pod.Status.ContainerStatuses.Single();
            return status.RestartCount > 0 && status.Ready ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting($"restarts {status.RestartCount}, ready {status.Ready}");
        }, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeProvider.System, Token);

        // Then the tenant's API server still serves the ConfigMap: etcd's data outlived its container
        var kept = await Wait.UntilAsync("the tenant's API server reads ConfigMap default/kept", async token =>
        {
            try
            {
                return Wait.Probe.Ready((await tenant.Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default", cancellationToken: token)).Data["state"]);
            }
            catch (k8s.Autorest.HttpOperationException error)
            {
                return Wait.Probe.Waiting($"{(int)error.Response.StatusCode} {error.Response.ReasonPhrase}");
            }
            catch (HttpRequestException error)
            {
                return Wait.Probe.Waiting(error.Message);
            }
        }, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeProvider.System, Token);
        Assert.Equal("written before the restart", kept);
    }

    /// <summary>
    /// GET / on a pod's port through the API server's port-forward (websocket, v4.channel.k8s.io), tried until the answer
    /// holds <paramref name="expected"/>: each try has a bound of its own, since a forwarded connection that gets no data
    /// (seen once right after the pod started) never ends by itself.
    /// </summary>
    private static Task<string> PortForwardGetAsync(IKubernetes client, string pod, int port, string expected) =>
        Wait.UntilAsync($"a port-forward to {pod}:{port} answers", async token =>
        {
            using var socket = await client.WebSocketNamespacedPodPortForwardAsync(pod, "default", [port], "v4.channel.k8s.io", cancellationToken: token);
            using var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
            demuxer.Start();
            var stream = demuxer.GetStream((byte?)0, (byte?)0);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"), token);
            try
            {
                var answer = await ReadUntilAsync(stream, expected).WaitAsync(TimeSpan.FromSeconds(10), token);
                return Wait.Probe.Ready(answer);
            }
            catch (TimeoutException)
            {
                return Wait.Probe.Waiting("no answer within 10 s");
            }
        }, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeProvider.System, Token);

    private static async Task<string> ReadUntilAsync(Stream stream, string expected)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    private static V1Pod Sleeper(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = name, Image = Image, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"] }],
        },
    };

    /// <summary>
    /// A web server in Perl (Debian's perl-base is in every Debian image) answering with its settings, each connection in a
    /// process of its own (one that sends nothing holds up no other).
    /// </summary>
    private static V1Deployment WebServer()
    {
        const string Script = """
            use IO::Socket::INET;
            $SIG{CHLD} = 'IGNORE';
            my $server = IO::Socket::INET->new(LocalPort => 8080, Listen => 5, ReuseAddr => 1) or die "listen: $!";
            while (1) {
                my $client = $server->accept or next;
                if (fork() == 0) {
                    my $request = <$client>;
                    open(my $file, '<', '/etc/web/token') or die "token: $!";
                    my $token = <$file>;
                    print $client "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n$ENV{GREETING}; $token\n";
                    close $client;
                    exit 0;
                }
                close $client;
            }
            """;
        var deployment = Workloads.Deployment("web", Image, 1);
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.ImagePullPolicy = "IfNotPresent";
        container.Command = ["perl", "-e", Script];
        container.Env = [new V1EnvVar { Name = "GREETING", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "web-settings", Key = "greeting" } } }];
        container.Ports = [new V1ContainerPort { ContainerPort = 8080 }];
        container.VolumeMounts = [new V1VolumeMount { Name = "secret", MountPath = "/etc/web", ReadOnlyProperty = true }];
        deployment.Spec.Template.Spec.Volumes = [new V1Volume { Name = "secret", Secret = new V1SecretVolumeSource { SecretName = "web-secret" } }];
        return deployment;
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

    private static Task<string> ExecAsync(IKubernetes client, string pod, string[] command) => ExecAsync(client, pod, "greeter", command);

    private static async Task<string> ExecAsync(IKubernetes client, string pod, string container, string[] command)
    {
        var output = new StringBuilder();
        var exitCode = await client.NamespacedPodExecAsync(pod, "default", container, command, tty: false, async (_, stdout, _) =>
        {
            using var reader = new StreamReader(stdout);
            output.Append(await reader.ReadToEndAsync(Token));
        }, Token);
        Assert.True(exitCode == 0, $"{string.Join(' ', command)} exited {exitCode}: {output}");
        return output.ToString();
    }

    [Fact]
    public async Task Demo_InATenant_ItsPageNamesTheTenant_AndAVclabDemoWithoutVcLabsMarkIsLeftAlone()
    {
        // Given a tenant, and the demo as the AppHost deploys it with --Parameters:demo=true
        using var parts = await LabParts.ConnectAsync(NullLogger.Instance, Token);
        var demo = new LabDemo(parts.Images, parts.Containers, parts.ImageBuilder, lab.Cluster, TimeProvider.System);
        await using var tenant = await lab.CreateTenantAsync(Token);
        var target = new TenantCluster(tenant.Name, "default", tenant.ClusterNamespace, tenant.KubeconfigPath);

        // When it is deployed into the tenant
        var address = await demo.DeployAsync(target, lab.Client, Token);

        // Then its page answers on this machine, naming the tenant; deployed again (a re-attached lab) it is found, at the same address
        using var http = new HttpClient();
        Assert.Contains($"<h1>Hello from tenant {tenant.Name}</h1>", await http.GetStringAsync(address, Token), StringComparison.Ordinal);
        Assert.Equal(address, await demo.DeployAsync(target, lab.Client, Token));

        // When the tenant's vclab-demo Service no longer carries VcLab's mark (someone else's, as far as VcLab can prove)
        var unmarked = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [Ownership.ManagedByLabel] = null, [Ownership.InstanceLabel] = null } } };
        await tenant.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch(unmarked.ToJsonString(), V1Patch.PatchType.MergePatch),
            LabDemo.Name,
            "default",
            cancellationToken: Token);

        // Then the demo refuses, naming it and who made it, and leaves it as it is
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => demo.DeployAsync(target, lab.Client, Token));
        Assert.Contains($"The tenant {tenant.Name} has a Service default/{LabDemo.Name} made by someone else", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Ownership.ManagedByLabel, (await tenant.Client.CoreV1.ReadNamespacedServiceAsync(LabDemo.Name, "default", cancellationToken: Token)).Metadata.Labels.Keys);
    }
}
