using Docker.DotNet;
using VcLab.Hosting.Kubernetes;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Nodes;
using VcLab.Installer;
using VcLab.Installer.Waiting;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The default distribution, kind-style from Debian's archive: one control-plane node (kubelet and kube-proxy, with
/// etcd, apiserver, controller-manager and scheduler as kubeadm's static pods) and N workers (kubelet, kube-proxy), each a container with
/// containerd and sshd on the cluster's own Docker network, cluster DNS (CoreDNS) on top. Every node's containerd starts
/// on a preloaded store of the images it runs (pause, CoreDNS, the control plane's), kind-style.
/// </summary>
internal sealed class DebianClusterProvisioner(IContainerEngine containers, IImageEngine images, LabImageBuilder imageBuilder, TimeProvider time) : IClusterDistribution
{
    private const string ApiPort = "6443/tcp";
    private static readonly TimeSpan NodeStartTimeout = TimeSpan.FromSeconds(90);
    private readonly NodeBootstrapper _bootstrapper = new(containers);

    public async Task<SuperCluster> CreateAsync(SuperClusterOptions options, ClusterPhases phases, CancellationToken cancellationToken)
    {
        phases.Begin("build-images", "building images (Kubernetes binaries are built once per machine)");
        var clusterImages = await ClusterImages.EnsureAsync(imageBuilder, options.KubernetesSourceVersion, options.UpstreamDir, cancellationToken);
        var nodeImages = await clusterImages.SaveForNodesAsync(images, time, cancellationToken);

        phases.Begin("preload-images", "preloading the nodes' images (made once per set of images)");
        var store = await NodeImageStore.EnsureAsync(containers, images, clusterImages.KubeNode, nodeImages, time, cancellationToken);

        phases.Begin("start-node-containers", "starting node containers");
        var state = await ClusterState.CreateAsync(containers, options, cancellationToken);
        var keys = state.Keys;
        var nodes = await StartNodesAsync(options, clusterImages.KubeNode, store, keys.PublicKey, cancellationToken);
        var controlPlane = nodes[0];

        phases.Begin("write-pki", "writing PKI and configuration");
        using var pki = ClusterPki.Create(time);
        var inClusterApi = $"https://{controlPlane.Address}:{ClusterNetwork.ApiServerPort}";
        var hostPort = await containers.GetPublishedPortAsync(controlPlane.ContainerId, ApiPort, cancellationToken);
        var apiServer = new Uri($"https://127.0.0.1:{hostPort}");
        var kubeconfigPath = state.KubeconfigPath;
        OwnerOnlyFile.Write(kubeconfigPath, Kubeconfig.Render(options.Name, apiServer.ToString().TrimEnd('/'), pki.Ca.CertificatePem, "kubernetes-admin", pki.Admin));
        using var client = LabClusterApi.Connect(kubeconfigPath);

        // Every node's containerd started with the images it needs, so the kubelets start at once.
        var workers = nodes.Where(node => node.Role == NodeRole.Worker).ToList();
        var startingWorkers = Task.WhenAll(workers.Select(node => StartWorkerAsync(node, nodes, NodeConfiguration.ForEveryNode(node, pki, inClusterApi), cancellationToken)));
        await StartControlPlaneAsync(
            controlPlane, nodes, NodeConfiguration.ForEveryNode(controlPlane, pki, inClusterApi).Concat(NodeConfiguration.ForControlPlane(controlPlane, pki, inClusterApi)),
            clusterImages.ControlPlane, client, phases, cancellationToken);
        await _bootstrapper.StartAsync(controlPlane, NodeServices.KubeProxy(), cancellationToken);
        await _bootstrapper.InstallSshKeyAsync(controlPlane, options.SshUser, keys.PrivateKeyPem, cancellationToken);

        phases.Begin("start-kubelets", "starting kubelets");
        await startingWorkers;

        phases.Begin("nodes-ready", "waiting for nodes to be Ready");
        // CoreDNS's objects go in now, as kubeadm adds them before any node joins: its pods are scheduled as soon as a node is Ready.
        using var dnsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dns = ClusterDns.DeployAsync(client, clusterImages.CoreDns, options.ReadyTimeout, time, dnsCancellation.Token);
        try
        {
            await ClusterReadiness.WaitForNodesAsync(
                client,
                [.. nodes.Select(node => node.Name)],
                options.ReadyTimeout,
                (name, token) =>
                {
                    var node = nodes.Single(candidate => candidate.Name == name);
                    return _bootstrapper.TailAsync(node, NodeServices.Kubelet(node).LogPath, 30, token);
                },
                time,
                cancellationToken);
            await LabelControlPlaneAsync(client, controlPlane, cancellationToken);
            await ClusterReadiness.WaitForComponentsAsync(client, controlPlane.Name, options.ReadyTimeout, time, cancellationToken);
        }
        catch
        {
            await dnsCancellation.CancelAsync();
            await dns.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        phases.Begin("cluster-dns", "starting cluster DNS (CoreDNS)");
        await dns;

        var cluster = new SuperCluster(options.Name, nodes, kubeconfigPath, state.KeyPath, options.SshUser, apiServer)
        {
            ControlPlaneImage = clusterImages.ControlPlane,
            CoreDnsImage = clusterImages.CoreDns,
        };
        return cluster;
    }

    /// <summary>The control plane's container first (it may find its API port taken), then the workers' all at once.</summary>
    private async Task<IReadOnlyList<ClusterNode>> StartNodesAsync(
        SuperClusterOptions options, string image, NodeImageStore store, string publicKey, CancellationToken cancellationToken)
    {
        var names = options.NodeNames();
        var controlPlane = await RunNodeAsync(options, names[0], image, store, publicKey, cancellationToken);
        var workers = await Task.WhenAll(names.Skip(1).Select(node => RunNodeAsync(options, node, image, store, publicKey, cancellationToken)));
        string[] started = [controlPlane, .. workers];
        await Task.WhenAll(started.Select(container => NodeReadiness.WaitAsync(containers, container, NodeStartTimeout, time, cancellationToken)));
        var nodes = new List<ClusterNode>();
        foreach (var ((name, role), container) in names.Zip(started))
        {
            nodes.Add(new ClusterNode(name, container, await containers.GetAddressAsync(container, options.Name, cancellationToken), role, nodes.Count));
        }

        return nodes;
    }

    private async Task<string> RunNodeAsync(
        SuperClusterOptions options, (string Name, NodeRole Role) node, string image, NodeImageStore store, string publicKey, CancellationToken cancellationToken)
    {
        var spec = NodeContainerSpec.Create(node.Name, image, options.Name, options.SshUser, publicKey, store);
        spec = spec with
        {
            Labels = new Dictionary<string, string>(spec.Labels) { [SuperCluster.ClusterLabel] = options.Name },
            PortBindings = node.Role == NodeRole.ControlPlane
                ? new Dictionary<string, (string, string)> { [ApiPort] = ("127.0.0.1", options.ApiServerHostPort.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                : spec.PortBindings,
        };
        try
        {
            return await containers.RunAsync(spec, cancellationToken);
        }
        catch (DockerApiException exception) when (exception.ResponseBody?.Contains("port is already allocated", StringComparison.Ordinal) == true
            || exception.ResponseBody?.Contains("address already in use", StringComparison.Ordinal) == true)
        {
            throw new SuperClusterException(
                $"Port 127.0.0.1:{options.ApiServerHostPort} for the API server of {options.Name} is already in use. " +
                "Choose another ApiServerHostPort, or 0 for any free port.", exception);
        }
    }

    /// <summary>
    /// The control plane as kubeadm runs it: its files, its kubelet, then the static pods: etcd and kube-apiserver,
    /// kube-controller-manager and kube-scheduler once the API server is ready (started earlier, they exit as long as the
    /// API has not made their RBAC roles, and the kubelet starts them again only after a back-off of 10 s, then 20).
    /// The kubelet registers its node once the API server it started is up.
    /// </summary>
    private async Task StartControlPlaneAsync(
        ClusterNode controlPlane, IReadOnlyList<ClusterNode> nodes, IEnumerable<ContainerFile> files, string image,
        k8s.Kubernetes client, ClusterPhases phases, CancellationToken cancellationToken)
    {
        await _bootstrapper.PrepareAsync(controlPlane, nodes, files, cancellationToken);
        await _bootstrapper.StartAsync(controlPlane, NodeServices.Kubelet(controlPlane), cancellationToken);
        phases.Begin("start-control-plane", "starting the control plane (static pods)");
        var pods = NodeConfiguration.StaticPods(controlPlane, image);
        string[] first = ["etcd.yaml", "kube-apiserver.yaml"];
        await _bootstrapper.PlaceStaticPodsAsync(controlPlane, [.. pods.Where(pod => first.Contains(Path.GetFileName(pod.Path)))], cancellationToken);
        await WaitForApiAsync(client, controlPlane, cancellationToken);
        await _bootstrapper.PlaceStaticPodsAsync(controlPlane, [.. pods.Where(pod => !first.Contains(Path.GetFileName(pod.Path)))], cancellationToken);
    }

    /// <summary>A worker's files, then its kubelet and kube-proxy (they register once the API answers).</summary>
    private async Task StartWorkerAsync(ClusterNode worker, IReadOnlyList<ClusterNode> nodes, IEnumerable<ContainerFile> files, CancellationToken cancellationToken)
    {
        await _bootstrapper.PrepareAsync(worker, nodes, files, cancellationToken);
        await _bootstrapper.StartAsync(worker, NodeServices.Kubelet(worker), cancellationToken);
        await _bootstrapper.StartAsync(worker, NodeServices.KubeProxy(), cancellationToken);
    }

    private async Task WaitForApiAsync(k8s.Kubernetes client, ClusterNode controlPlane, CancellationToken cancellationToken)
    {
        try
        {
            await Wait.UntilAsync($"the API server on {controlPlane.Name} is ready", async token =>
                await ClusterReadiness.ApiReadyAsync(client, token) ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting("not ready"),
                TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var apiServer = await _bootstrapper.TailAsync(controlPlane, ControlPlanePods.LogGlob(controlPlane.Name, "kube-apiserver"), 20, cancellationToken);
            var kubelet = await _bootstrapper.TailAsync(controlPlane, NodeServices.Kubelet(controlPlane).LogPath, 20, cancellationToken);
            throw new SuperClusterException(
                $"The API server on {controlPlane.Name} (a static pod of its kubelet) did not become ready within 90 s. " +
                $"Last lines of its log:{Environment.NewLine}{apiServer}{Environment.NewLine}Last lines of the kubelet's log:{Environment.NewLine}{kubelet}");
        }
    }

    /// <summary>Labels the control plane from the admin side, as kubeadm does, with the new and the older role name.</summary>
    private static Task LabelControlPlaneAsync(k8s.Kubernetes client, ClusterNode controlPlane, CancellationToken cancellationToken) =>
        LabClusterApi.LabelNodeAsync(client, controlPlane.Name, ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"], cancellationToken);
}
