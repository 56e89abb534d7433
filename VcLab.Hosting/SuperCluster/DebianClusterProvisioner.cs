using Docker.DotNet;
using k8s;
using k8s.Models;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Nodes;
using VcLab.Installer;
using VcLab.Installer.Pipeline;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The default distribution, kind-style from Debian's archive: one control-plane node (etcd, apiserver,
/// controller-manager, scheduler, kubelet, kube-proxy) and N workers (kubelet, kube-proxy), each a container with
/// containerd and sshd on the cluster's own Docker network, cluster DNS (CoreDNS) on top.
/// </summary>
internal sealed class DebianClusterProvisioner(IContainerEngine containers, IImageEngine images, LabImageBuilder imageBuilder) : IClusterDistribution
{
    private const string ApiPort = "6443/tcp";
    private static readonly TimeSpan NodeStartTimeout = TimeSpan.FromSeconds(90);
    private readonly NodeBootstrapper _bootstrapper = new(containers);

    public async Task<SuperCluster> CreateAsync(SuperClusterOptions options, ClusterPhases phases, CancellationToken cancellationToken)
    {
        phases.Begin("build-images", "building images (Kubernetes binaries are built once per machine)");
        var clusterImages = await ClusterImages.EnsureAsync(imageBuilder, options.KubernetesSourceVersion, options.UpstreamDir, cancellationToken);
        var nodeImages = await clusterImages.SaveForNodesAsync(images, cancellationToken);

        phases.Begin("start-node-containers", "starting node containers");
        var state = await ClusterState.CreateAsync(containers, options, cancellationToken);
        var keys = state.Keys;
        var nodes = await StartNodesAsync(options, clusterImages.KubeNode, keys.PublicKey, cancellationToken);
        var controlPlane = nodes[0];

        phases.Begin("write-pki", "writing PKI and configuration");
        using var pki = ClusterPki.Create();
        var inClusterApi = $"https://{controlPlane.Address}:{ClusterNetwork.ApiServerPort}";
        // Every node at once: their image imports (hundreds of MB each) are disk work, not CPU.
        await Task.WhenAll(nodes.Select(node =>
        {
            var files = NodeConfiguration.ForEveryNode(node, pki, inClusterApi);
            if (node.Role == NodeRole.ControlPlane)
            {
                files = files.Concat(NodeConfiguration.ForControlPlane(node, pki, inClusterApi));
            }

            // Tenant control planes run on workers only (the control plane is tainted): their image is not loaded there.
            var images = node.Role == NodeRole.ControlPlane ? [.. nodeImages.Where(image => image.Name != clusterImages.TenantControlPlane)] : nodeImages;
            return _bootstrapper.PrepareAsync(node, nodes, files, images, cancellationToken);
        }));

        await _bootstrapper.InstallSshKeyAsync(controlPlane, options.SshUser, keys.PrivateKeyPem, cancellationToken);
        var hostPort = await containers.GetPublishedPortAsync(controlPlane.ContainerId, ApiPort, cancellationToken);
        var apiServer = new Uri($"https://127.0.0.1:{hostPort}");
        var kubeconfigPath = state.KubeconfigPath;
        OwnerOnlyFile.Write(kubeconfigPath, Kubeconfig.Render(options.Name, apiServer.ToString().TrimEnd('/'), pki.Ca.CertificatePem, "kubernetes-admin", pki.Admin));

        phases.Begin("start-control-plane", "starting the control plane");
        await _bootstrapper.StartAsync(controlPlane, NodeServices.Etcd(controlPlane), cancellationToken);
        await _bootstrapper.StartAsync(controlPlane, NodeServices.ApiServer(controlPlane), cancellationToken);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        await WaitForApiAsync(client, controlPlane, cancellationToken);
        await _bootstrapper.StartAsync(controlPlane, NodeServices.ControllerManager(), cancellationToken);
        await _bootstrapper.StartAsync(controlPlane, NodeServices.Scheduler(), cancellationToken);

        phases.Begin("start-kubelets", "starting kubelets");
        foreach (var node in nodes)
        {
            await _bootstrapper.StartAsync(node, NodeServices.Kubelet(node), cancellationToken);
            await _bootstrapper.StartAsync(node, NodeServices.KubeProxy(), cancellationToken);
        }

        phases.Begin("nodes-ready", "waiting for nodes to be Ready");
        await ClusterReadiness.WaitForNodesAsync(
            client,
            [.. nodes.Select(node => node.Name)],
            options.ReadyTimeout,
            (name, token) =>
            {
                var node = nodes.Single(candidate => candidate.Name == name);
                return _bootstrapper.TailAsync(node, NodeServices.Kubelet(node).LogPath, 30, token);
            },
            cancellationToken);
        await LabelControlPlaneAsync(client, controlPlane, cancellationToken);

        phases.Begin("cluster-dns", "starting cluster DNS (CoreDNS)");
        await ClusterDns.DeployAsync(client, clusterImages.CoreDns, options.ReadyTimeout, cancellationToken);

        var cluster = new SuperCluster(options.Name, nodes, kubeconfigPath, state.KeyPath, options.SshUser, apiServer)
        {
            TenantControlPlaneImage = clusterImages.TenantControlPlane,
            CoreDnsImage = clusterImages.CoreDns,
        };
        return cluster;
    }

    private async Task<IReadOnlyList<ClusterNode>> StartNodesAsync(SuperClusterOptions options, string image, string publicKey, CancellationToken cancellationToken)
    {
        var nodes = new List<ClusterNode>();
        foreach (var (name, role) in options.NodeNames())
        {
            var spec = NodeContainerSpec.Create(name, image, options.Name, options.SshUser, publicKey);
            spec = spec with
            {
                Labels = new Dictionary<string, string>(spec.Labels) { [SuperCluster.ClusterLabel] = options.Name },
                PortBindings = role == NodeRole.ControlPlane
                    ? new Dictionary<string, (string, string)> { [ApiPort] = ("127.0.0.1", options.ApiServerHostPort.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                    : spec.PortBindings,
            };
            string container;
            try
            {
                container = await containers.RunAsync(spec, cancellationToken);
            }
            catch (DockerApiException exception) when (exception.ResponseBody?.Contains("port is already allocated", StringComparison.Ordinal) == true
                || exception.ResponseBody?.Contains("address already in use", StringComparison.Ordinal) == true)
            {
                throw new SuperClusterException(
                    $"Port 127.0.0.1:{options.ApiServerHostPort} for the API server of {options.Name} is already in use. " +
                    "Choose another ApiServerHostPort, or 0 for any free port.", exception);
            }

            await NodeReadiness.WaitAsync(containers, container, NodeStartTimeout, cancellationToken);
            nodes.Add(new ClusterNode(name, container, await containers.GetAddressAsync(container, options.Name, cancellationToken), role, nodes.Count));
        }

        return nodes;
    }

    private async Task WaitForApiAsync(Kubernetes client, ClusterNode controlPlane, CancellationToken cancellationToken)
    {
        try
        {
            await Wait.UntilAsync($"the API server on {controlPlane.Name} is ready", async token =>
                await ClusterReadiness.ApiReadyAsync(client, token) ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting("not ready"),
                TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            var log = await _bootstrapper.TailAsync(controlPlane, NodeServices.ApiServer(controlPlane).LogPath, 30, cancellationToken);
            throw new SuperClusterException($"The API server on {controlPlane.Name} did not become ready within 90 s. Last lines of its log:{Environment.NewLine}{log}");
        }
    }

    /// <summary>Labels the control plane from the admin side, as kubeadm does, with the new and the older role name.</summary>
    private static async Task LabelControlPlaneAsync(Kubernetes client, ClusterNode controlPlane, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(
            """{"metadata":{"labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/master":""}}}""",
            V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNodeAsync(patch, controlPlane.Name, cancellationToken: cancellationToken);
    }
}
