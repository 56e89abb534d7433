using k8s;
using k8s.Models;
using VcLab.Hosting.SuperCluster;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

[Collection(SuperClusterCollection.Name)]
public sealed class SuperClusterFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ThreeNodes_AllReady_ControlPlaneLabelledAndTainted()
    {
        var nodes = await lab.Client.CoreV1.ListNodeAsync(cancellationToken: Token);

        Assert.Equal(3, nodes.Items.Count);
        Assert.All(nodes.Items, node => Assert.True(ClusterReadiness.IsReady(node), $"{node.Metadata.Name} is not Ready"));
        var controlPlane = Assert.Single(nodes.Items, node => node.Metadata.Name == lab.Cluster.ControlPlane.Name);
        Assert.Contains("node-role.kubernetes.io/control-plane", controlPlane.Metadata.Labels.Keys);
        Assert.Contains("node-role.kubernetes.io/master", controlPlane.Metadata.Labels.Keys);
        Assert.Contains(controlPlane.Spec.Taints, taint => taint.Key == "node-role.kubernetes.io/master" && taint.Effect == "NoSchedule");
        var version = await lab.Client.Version.GetCodeAsync(Token);
        Assert.Equal("v1.20.2", version.GitVersion);
    }

    [Fact]
    public async Task ControlPlane_RunsAsKubeadmStaticPods_FromTheLabsImage_WhichTheInstallerDetects()
    {
        // Given the lab's control plane, laid out as kubeadm lays it out
        var manifests = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["ls", ControlPlanePods.ManifestDirectory], Token);
        string[] components = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];
        Assert.Equal(components.Select(component => $"{component}.yaml"), manifests.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());

        // When kube-system's control-plane pods are listed, as kubectl -n kube-system get pods -l tier=control-plane does (their
        // kubelet reports their status in its batch every 10 s, so a test that runs at once after the start may wait that long)
        IList<V1Pod> pods = [];
        await Wait.UntilAsync("the control plane's four mirror pods are Running", async token =>
        {
            pods = (await lab.Client.CoreV1.ListNamespacedPodAsync("kube-system", labelSelector: "tier=control-plane", cancellationToken: token)).Items;
            return pods.Count == components.Length && pods.All(pod => pod.Status?.Phase == "Running")
                ? Wait.Probe.Ready("all Running")
                : Wait.Probe.Waiting(string.Join(", ", pods.Select(pod => $"{pod.Metadata.Name} {pod.Status?.Phase}")));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);

        // Then each component is a mirror pod of the control plane's kubelet, Running on that node, from the lab's control-plane image
        Assert.Equal(components, pods.Select(pod => pod.Metadata.Labels["component"]).Order());
        Assert.All(pods, pod =>
        {
            Assert.Equal($"{pod.Metadata.Labels["component"]}-{lab.Cluster.ControlPlane.Name}", pod.Metadata.Name);
            Assert.Contains("kubernetes.io/config.mirror", pod.Metadata.Annotations.Keys);
            Assert.Equal(lab.Cluster.ControlPlane.Name, pod.Spec.NodeName);
            Assert.Equal("Running", pod.Status.Phase);
            Assert.Equal(lab.Cluster.ControlPlaneImage, pod.Spec.Containers[0].Image);
        });

        // And the installer's detection (a later role's: the tenant images from kubeadm's static pods) finds that image
        var detected = await new VcLab.Installer.Tenants.ClusterVersions(lab.Client).DetectImagesAsync(Token);
        Assert.Equal(new VcLab.Installer.Tenants.TenantImages(lab.Cluster.ControlPlaneImage!, lab.Cluster.ControlPlaneImage!, lab.Cluster.ControlPlaneImage!), detected);
    }

    [Fact]
    public async Task Reattach_RunningCluster_GivesItBackAsItIs_ButNotAnotherShapeOrOneThatIsNotThere()
    {
        // Given the running lab, as a persistent lab's next start finds it
        var reattacher = new SuperClusterReattacher(lab.Docker.Containers, lab.Docker.ImageBuilder, lab.Docker.Log);
        var options = lab.Options.SuperCluster;

        // When it is re-attached
        var attached = await reattacher.AttachAsync(options, Token);

        // Then it is the same cluster: same nodes (containers, addresses, roles), kubeconfig, SSH key, API and images
        Assert.True(attached is not null, string.Join(Environment.NewLine, lab.Docker.Log.Messages.TakeLast(3)));
        Assert.Equal(lab.Cluster.Nodes, attached.Nodes);
        Assert.Equal(lab.Cluster.KubeconfigPath, attached.KubeconfigPath);
        Assert.Equal(lab.Cluster.SshPrivateKeyPath, attached.SshPrivateKeyPath);
        Assert.Equal(lab.Cluster.ApiServer, attached.ApiServer);
        Assert.Equal(lab.Cluster.ControlPlaneImage, attached.ControlPlaneImage);
        Assert.Equal(lab.Cluster.CoreDnsImage, attached.CoreDnsImage);

        // And a lab asking for one worker more or one fewer, or a lab that is not there, is not re-attached (it is created anew)
        foreach (var workers in new[] { options.Workers + 1, options.Workers - 1 })
        {
            var otherShape = new SuperClusterOptions { Name = options.Name, Workers = workers, StateDirectory = options.StateDirectory, UpstreamDir = options.UpstreamDir };
            Assert.Null(await reattacher.AttachAsync(otherShape, Token));
        }

        var absent = new SuperClusterOptions { Name = $"{options.Name}-absent", StateDirectory = options.StateDirectory, UpstreamDir = options.UpstreamDir };
        Assert.Null(await reattacher.AttachAsync(absent, Token));
    }

    [Fact]
    public async Task SideLoadedImage_DeploymentAndWorkerOnlyDaemonSet_RunOnWorkers()
    {
        // Given an image imported with ctr on every node, and a namespace of this test's own
        var image = await TestImages.SleeperAsync(lab.Docker, Token);
        await SideLoader.LoadAsync(lab.Docker, image, lab.Cluster.Nodes, Token);
        var ns = await CreateNamespaceAsync("sideload");

        // When a Deployment (2 replicas) and a DaemonSet kept off control-plane nodes use it
        await lab.Client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("sleeper", image, 2), ns, cancellationToken: Token);
        await lab.Client.AppsV1.CreateNamespacedDaemonSetAsync(Workloads.WorkerDaemonSet("agent", image), ns, cancellationToken: Token);

        // Then every pod runs, and only on workers: the DaemonSet on each worker exactly once
        var pods = await Workloads.WaitForRunningPodsAsync(lab.Client, ns, expected: 2 + lab.Cluster.Workers.Count(), Token);
        var workers = lab.Cluster.Workers.Select(worker => worker.Name).ToHashSet();
        Assert.All(pods, pod => Assert.Contains(pod.Spec.NodeName, workers));
        Assert.Equal(workers.Order(), pods.Where(pod => pod.Metadata.Labels["app"] == "agent").Select(pod => pod.Spec.NodeName).Order());
    }

    [Fact]
    public async Task Pod_ReachesTheApiThroughTheKubernetesService_AndItsLogIsReadable()
    {
        // Given kubectl in a pod, with its service account and nothing else
        var image = await TestImages.KubectlAsync(lab.Docker, Token);
        await SideLoader.LoadAsync(lab.Docker, image, lab.Cluster.Workers, Token);
        var ns = await CreateNamespaceAsync("incluster");

        // When it asks the API for its version through the kubernetes Service (10.96.0.1:443)
        await lab.Client.CoreV1.CreateNamespacedPodAsync(Workloads.OneShotPod("ask", image, ["get", "--raw", "/version"]), ns, cancellationToken: Token);
        var phase = await Workloads.WaitForPodCompletionAsync(lab.Client, ns, "ask", Token);

        // Then it succeeded, and its log (read through apiserver -> kubelet) holds the answer
        var log = await Workloads.ReadLogAsync(lab.Client, ns, "ask", Token);
        Assert.True(phase == "Succeeded", $"pod ended {phase}: {log}");
        Assert.Contains("\"gitVersion\": \"v1.20.2\"", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlPlane_SshToEachWorker_AsTheRoleUser()
    {
        foreach (var worker in lab.Cluster.Workers)
        {
            var result = await lab.Docker.Containers.ExecAsync(
                lab.Cluster.ControlPlane.ContainerId,
                ["su", "-", lab.Cluster.SshUser, "-c", $"ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new {worker.Name} 'hostname && sudo -n ctr -n k8s.io version >/dev/null && echo ctr-ok'"],
                Token);

            Assert.True(result.Succeeded, result.StandardError);
            Assert.Equal([worker.Name, "ctr-ok"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public async Task RoleUser_SudoOnlyForWhatTheRoleNeeds_AndEveryNodeHasItsOwnHostKey()
    {
        // Given the role's login user on the control plane
        async Task<(bool Succeeded, string Output)> AsRoleUserAsync(string command)
        {
            var result = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["su", "-", lab.Cluster.SshUser, "-c", command], Token);
            return (result.Succeeded, result.StandardOutput + result.StandardError);
        }

        // When it uses sudo for what the role does, and for anything else
        var ctr = await AsRoleUserAsync("sudo -n ctr -n k8s.io version");
        var certificate = await AsRoleUserAsync("sudo -n base64 -w0 /etc/kubernetes/pki/apiserver-kubelet-client.key");
        var workers = await AsRoleUserAsync("sudo -n kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -l '!node-role.kubernetes.io/control-plane,!node-role.kubernetes.io/master' -o name");
        var shadow = await AsRoleUserAsync("sudo -n cat /etc/shadow");
        var otherKey = await AsRoleUserAsync("sudo -n base64 -w0 /etc/kubernetes/pki/ca.key");
        var twoFiles = await AsRoleUserAsync("sudo -n base64 -w0 /etc/kubernetes/pki/apiserver-kubelet-client.key /etc/shadow");
        var shell = await AsRoleUserAsync("sudo -n sh -c id");

        // Then the role's commands work, and nothing else is allowed
        Assert.True(ctr.Succeeded, ctr.Output);
        Assert.True(certificate.Succeeded && certificate.Output.Length > 100, certificate.Output);
        Assert.True(workers.Succeeded, workers.Output);
        Assert.Equal(2, workers.Output.Split('\n').Count(line => line.StartsWith("node/", StringComparison.Ordinal)));
        foreach (var refused in new[] { shadow, otherKey, twoFiles, shell })
        {
            Assert.False(refused.Succeeded, refused.Output);
            Assert.Contains("sudo", refused.Output, StringComparison.Ordinal);
        }

        // And each node answers with a host key of its own, so that pinning tells them apart
        var keys = new List<string>();
        foreach (var node in lab.Cluster.Nodes)
        {
            var scan = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["sh", "-c", $"ssh-keyscan -t ed25519 {node.Name} 2>/dev/null | cut -d' ' -f3"], Token);
            Assert.True(scan.Succeeded && scan.StandardOutput.Trim().Length > 0, scan.StandardError);
            keys.Add(scan.StandardOutput.Trim());
        }

        Assert.Equal(lab.Cluster.Nodes.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    [BadInput]
    public async Task TenantCommand_OnAClusterWithoutVirtualCluster_SaysToInstallItFirst()
    {
        // Given a super cluster where VirtualCluster is not installed (this collection's)
        using var installer = InstallerProcess.Start(["tenant", "list", "--kubeconfig", lab.Cluster.KubeconfigPath]);
        var error = installer.StandardError.ReadToEndAsync(Token);
        _ = installer.StandardOutput.ReadToEndAsync(Token);

        // When a tenant command runs against it
        await installer.WaitForExitAsync(Token);

        // Then it ends with 1, naming the missing CRD and what to do
        Assert.Equal(1, installer.ExitCode);
        Assert.Contains("VirtualCluster is not installed on the super cluster", await error, StringComparison.Ordinal);
        Assert.Contains("run the installer first", await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlPlane_HasTheRolesAdminKubeconfig_OwnerOnly()
    {
        var result = await lab.Docker.Containers.ExecAsync(
            lab.Cluster.ControlPlane.ContainerId,
            ["sh", "-c", "stat -c %a /etc/kubernetes/admin.conf && kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o name"],
            Token);

        Assert.True(result.Succeeded, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("600", lines[0]);
        Assert.Equal(3, lines.Count(line => line.StartsWith("node/", StringComparison.Ordinal)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lab.Cluster.KubeconfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lab.Cluster.SshPrivateKeyPath));
    }

    [Fact]
    public async Task EveryNode_StartsWithItsImagesPreloaded_PinnedAndPauseUnderItsSandboxName_UnpackedWithoutTheirLayerBlobs()
    {
        foreach (var node in lab.Cluster.Nodes)
        {
            // When a node's images are listed, as ctr -n k8s.io images ls shows them on a node
            var listed = await lab.Docker.Containers.ExecAsync(node.ContainerId, ["ctr", "-n", "k8s.io", "images", "ls"], Token);

            // Then the control plane's, CoreDNS's and the pause image are there, pinned (the kubelet's image GC keeps them)
            Assert.True(listed.Succeeded, listed.StandardError);
            var pinned = listed.StandardOutput.Split('\n')
                .Where(line => line.Contains("io.cri-containerd.pinned=pinned", StringComparison.Ordinal))
                .Select(line => line.Split(' ', 2)[0])
                .ToList();
            Assert.Contains(pinned, reference => reference.EndsWith($"/{lab.Cluster.ControlPlaneImage}", StringComparison.Ordinal));
            Assert.Contains(pinned, reference => reference.EndsWith($"/{lab.Cluster.CoreDnsImage}", StringComparison.Ordinal));
            Assert.Contains(VcLab.Hosting.Images.KubernetesImages.PauseReference, pinned);
        }

        // And they came from the preloaded store in this machine's node-image cache, which the nodes were started on
        var store = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["printenv", "VCLAB_CONTAINERD_STORE"], Token);
        var file = Path.Combine(NodeImage.CacheDirectory, Path.GetFileName(store.StandardOutput.Trim()));
        Assert.EndsWith(".containerd.tar", file, StringComparison.Ordinal);
        Assert.True(File.Exists(file), $"{file} is not in the node-image cache");

        // And the store held them unpacked, without their layers' blobs besides (a node's store is in its memory): none of
        // the layers their manifests name is in the control plane's content store (the pods of the tests here run from them)
        var content = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["ctr", "-n", "k8s.io", "content", "ls"], Token);
        Assert.True(content.Succeeded, content.StandardError);
        var layers = System.Text.RegularExpressions.Regex.Matches(content.StandardOutput, @"containerd\.io/gc\.ref\.content\.l\.\d+=(sha256:[0-9a-f]+)")
            .Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(layers);
        var held = content.StandardOutput.Split('\n').Skip(1).Select(line => line.Split(' ', 2)[0]).ToHashSet();
        Assert.DoesNotContain(layers, held.Contains);
    }

    private async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await lab.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Token);

        // Pods need the namespace's default service account token, which the token controller adds a moment later.
        await Wait.UntilAsync($"the default service account of {name} has its token", async token =>
        {
            var accounts = await lab.Client.CoreV1.ListNamespacedServiceAccountAsync(name, cancellationToken: token);
            return accounts.Items.Any(account => account.Metadata.Name == "default" && account.Secrets?.Count > 0)
                ? Wait.Probe.Ready("token")
                : Wait.Probe.Waiting("no token yet");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), TimeProvider.System, Token);
        return name;
    }
}
