using VcLab.Installer;
using System.Globalization;
using System.Security.Cryptography;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.K3s;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Nodes;
using VcLab.Hosting.Kubernetes;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The super cluster from k3s, through Testcontainers.K3s: a k3s server (the control plane, tainted, labelled as
/// control plane and master by k3s) and k3s agents as workers, on the cluster's own Docker network. Their image
/// adds k3s to the lab's node image, so that every node has sshd with the lab's login user and a <c>ctr</c> on
/// k3s's containerd, as the role needs. Deleted like the Debian cluster (by its labels).
/// </summary>
internal sealed class K3sClusterProvisioner(IContainerEngine containers, LabImageBuilder imageBuilder, TimeProvider time) : IClusterDistribution
{
    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromMinutes(3);
    private readonly NodeBootstrapper _bootstrapper = new(containers);

    public async Task<SuperCluster> CreateAsync(SuperClusterOptions options, ClusterPhases phases, CancellationToken cancellationToken)
    {
        phases.Begin("build-images", $"building the k3s node image (sshd and ctr added to {options.K3sImage})");
        var node = await imageBuilder.EnsureAsync(LabImages.Node, cancellationToken);
        var image = await imageBuilder.EnsureAsync(LabImages.K3sNode(node, options.K3sImage), cancellationToken);

        phases.Begin("start-server", "starting the k3s server");
        var state = await ClusterState.CreateAsync(containers, options, cancellationToken);
        var keys = state.Keys;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var names = options.NodeNames();
        var serverName = names[0].Name;
        var server = Labelled<K3sBuilder, K3sContainer, K3sConfiguration>(new K3sBuilder(image), options, serverName, keys.PublicKey, token)
            .WithCommand("--node-name", serverName, "--tls-san", "127.0.0.1", "--node-taint", "node-role.kubernetes.io/control-plane:NoSchedule")
            .Build();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(ServerStartTimeout);
            await server.StartAsync(timeout.Token);
        }

        var kubeconfigPath = state.KubeconfigPath;
        OwnerOnlyFile.Write(kubeconfigPath, await server.GetKubeconfigAsync());
        var apiServer = new Uri($"https://127.0.0.1:{server.GetMappedPublicPort(K3sBuilder.KubeSecurePort).ToString(CultureInfo.InvariantCulture)}");

        phases.Begin("start-agents", "starting k3s agents");
        var ids = new List<string> { server.Id };
        foreach (var (name, _) in names.Skip(1))
        {
            var agent = Labelled<ContainerBuilder, IContainer, DotNet.Testcontainers.Configurations.IContainerConfiguration>(new ContainerBuilder(image), options, name, keys.PublicKey, token)
                .WithPrivileged(true)
                .WithTmpfsMount("/run")
                .WithTmpfsMount("/var/run")
                .WithBindMount("/sys/fs/cgroup", "/sys/fs/cgroup", DotNet.Testcontainers.Configurations.AccessMode.ReadWrite)
                .WithCreateParameterModifier(parameters => parameters.HostConfig!.CgroupnsMode = "host")
                .WithEnvironment("K3S_URL", $"https://{serverName}:{K3sBuilder.KubeSecurePort}")
                .WithCommand("agent", "--node-name", name)
                .Build();
            await agent.StartAsync(cancellationToken);
            ids.Add(agent.Id);
        }

        var nodes = new List<ClusterNode>();
        foreach (var ((name, role), id) in names.Zip(ids))
        {
            nodes.Add(new ClusterNode(name, id, await containers.GetAddressAsync(id, options.Name, cancellationToken), role, nodes.Count));
        }

        await _bootstrapper.InstallSshKeyAsync(nodes[0], options.SshUser, keys.PrivateKeyPem, cancellationToken);

        phases.Begin("nodes-ready", "waiting for nodes to be Ready");
        using var client = LabClusterApi.Connect(kubeconfigPath);
        await ClusterReadiness.WaitForNodesAsync(
            client,
            [.. nodes.Select(item => item.Name)],
            options.ReadyTimeout,
            (name, tokenSource) => containers.GetLogTailAsync(nodes.Single(item => item.Name == name).ContainerId, 30, tokenSource),
            time,
            cancellationToken);
        return new SuperCluster(options.Name, nodes, kubeconfigPath, state.KeyPath, options.SshUser, apiServer);
    }

    private const string TokenFile = "/etc/vclab/k3s-token";

    /// <summary>What every k3s node container has: its name, the cluster's network and labels, the login user, the join token (a file).</summary>
    private static TBuilder Labelled<TBuilder, TContainer, TConfiguration>(
        IContainerBuilder<TBuilder, TContainer, TConfiguration> builder, SuperClusterOptions options, string name, string publicKey, string token)
        where TBuilder : IContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : DotNet.Testcontainers.Configurations.IContainerConfiguration =>
        builder
            .WithName(name)
            .WithHostname(name)
            .WithNetwork(options.Name)
            .WithNetworkAliases(name)
            .WithLabel(SuperCluster.ClusterLabel, options.Name)
            .WithLabel(NodeContainerSpec.NodeLabel, name)
            .WithEnvironment("VCLAB_SSH_USER", options.SshUser)
            .WithEnvironment("VCLAB_SSH_AUTHORIZED_KEY", publicKey)
            // The join token as a file only root reads, not in the container's environment (docker inspect shows that).
            .WithResourceMapping(System.Text.Encoding.UTF8.GetBytes(token), DotNet.Testcontainers.Builders.FilePath.Of(TokenFile), 0, 0, DotNet.Testcontainers.Configurations.UnixFileModes.UserRead | DotNet.Testcontainers.Configurations.UnixFileModes.UserWrite)
            .WithEnvironment("K3S_TOKEN_FILE", TokenFile)
            .WithCleanUp(false);
}
