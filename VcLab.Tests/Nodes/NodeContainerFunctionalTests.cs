using Renci.SshNet;
using VcLab.Hosting.Docker;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Hosts;
using VcLab.Installer.Options;
using VcLab.Hosting.Images;
using VcLab.Hosting.Nodes;
using VcLab.Hosting.Ssh;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Nodes;

[Collection(DockerCollection.Name)]
public sealed class NodeContainerFunctionalTests(DockerFixture docker)
{
    private const string SshUser = "ansible";

    [Fact]
    public async Task Node_GeneratedKey_AcceptsSshLoginAsTheRoleUserWithSudo()
    {
        // Given a node container started with a freshly generated key
        var cancellationToken = TestContext.Current.CancellationToken;
        var keys = SshKeyPair.Generate();
        var (container, address) = await StartNodeAsync("ssh", keys, cancellationToken);

        // When we log in over SSH with the private key
        using var keyStream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(keys.PrivateKeyPem));
        using var ssh = new SshClient(address, 22, SshUser, new PrivateKeyFile(keyStream));
        await ssh.ConnectAsync(cancellationToken);
        using var whoami = ssh.RunCommand("whoami && sudo -n ctr version");

        // Then the login is the role's user and it may run ctr through sudo
        Assert.Equal(0, whoami.ExitStatus);
        Assert.StartsWith(SshUser + "\n", whoami.Result, StringComparison.Ordinal);
        Assert.Contains("Server:", whoami.Result, StringComparison.Ordinal);
        Assert.NotEmpty(container);
    }

    [Fact]
    public async Task Node_DockerSaveTar_IsImportedByCtrAndListed()
    {
        // Given a small image saved with docker save, copied into a node
        var cancellationToken = TestContext.Current.CancellationToken;
        var (container, _) = await StartNodeAsync("ctr", SshKeyPair.Generate(), cancellationToken);
        var context = new DirectoryInfo(TestFolders.Create("vclab-tiny-"));
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
        File.WriteAllText(Path.Combine(context.FullName, "hello.txt"), docker.RunId);
        var tag = $"vclab-test/tiny-{docker.RunId}:latest";
        await docker.Images.BuildAsync(new ImageBuildRequest(context.FullName, tag), docker.Log, cancellationToken);
        var tar = Path.Combine(context.FullName, "tiny.tar");
        await docker.Images.SaveAsync(tag, tar, cancellationToken);
        await docker.Containers.WriteFileAsync(container, new ContainerFile("/tmp/tiny.tar", File.ReadAllBytes(tar), UnixFileMode.UserRead), cancellationToken);

        // When ctr imports it into the k8s.io namespace
        var import = await docker.Containers.ExecAsync(container, ["ctr", "-n", "k8s.io", "images", "import", "/tmp/tiny.tar"], cancellationToken);

        // Then ctr lists it under the name the kubelet will look for
        Assert.True(import.Succeeded, import.StandardError);
        var list = await docker.Containers.ExecAsync(container, ["ctr", "-n", "k8s.io", "images", "ls", "-q"], cancellationToken);
        Assert.Contains($"docker.io/vclab-test/tiny-{docker.RunId}:latest", list.StandardOutput.Split('\n'));
        await docker.Images.RemoveAsync(tag, cancellationToken);
    }

    [Fact]
    public async Task ControlPlaneConnection_NodeRestartedBetweenStages_IsOpenedAgainForTheNextStage()
    {
        // Given the run's one SSH connection to the control plane, which a stage has used
        var cancellationToken = TestContext.Current.CancellationToken;
        var keys = SshKeyPair.Generate();
        var (container, address) = await StartNodeAsync("restart", keys, cancellationToken);
        var keyPath = Path.Combine(TestFolders.Create("vclab-key-"), "id_ecdsa");
        keys.Save(keyPath);
        var settings = InstallerSettings.Defaults();
        settings.Ssh.ControlPlaneHost = address;
        settings.Ssh.PrivateKeyPath = keyPath;
        settings.Ssh.KeyscanEnabled = false;
        // The control plane's host is set, so the factory never asks the cluster connection for it.
        await using var hosts = new HostShellFactory(settings, connection: null!, TimeProvider.System, NullLogger<HostShellFactory>.Instance);
        var firstStage = await hosts.ControlPlaneAsync(cancellationToken);
        Assert.True((await firstStage.RunAsync("true", cancellationToken)).Succeeded);

        // When the node restarts under it (its sshd and the connection's other end are gone)
        var restart = await DockerEngine.RunAsync("docker", ["restart", "--time", "0", container], cancellationToken);
        Assert.True(restart.ExitCode == 0, restart.Output);
        await NodeReadiness.WaitAsync(docker.Containers, container, TimeSpan.FromSeconds(60), TimeProvider.System, cancellationToken);
        Assert.Equal(address, await docker.Containers.GetAddressAsync(container, $"vclab-test-{docker.RunId}", cancellationToken));

        // Then a next stage soon gets a connection that works: the dead one is noticed and opened again (the old
        // connection's sshd is gone, so a command that succeeds ran on a new one)
        var seen = await Wait.UntilAsync(
            "a command on the control-plane connection after the node's restart",
            async token =>
            {
                try
                {
                    var nextStage = await hosts.ControlPlaneAsync(token);
                    var whoami = await nextStage.RunAsync("whoami", token);
                    return whoami.Succeeded ? Wait.Probe.Ready(whoami.Output.Trim()) : Wait.Probe.Waiting(whoami.Tail(3));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    return Wait.Probe.Waiting(exception.Message);
                }
            },
            TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        Assert.Equal(SshUser, seen);
    }

    private async Task<(string Container, string Address)> StartNodeAsync(string name, SshKeyPair keys, CancellationToken cancellationToken)
    {
        var image = await docker.ImageBuilder.EnsureAsync(LabImages.Node, cancellationToken);
        var network = $"vclab-test-{docker.RunId}";
        await docker.Containers.EnsureNetworkAsync(network, docker.RunLabels, cancellationToken);
        var spec = NodeContainerSpec.Create($"vclab-test-{name}-{docker.RunId}", image, network, SshUser, keys.PublicKey);
        var container = await docker.Containers.RunAsync(
            spec with { Labels = new Dictionary<string, string>(spec.Labels) { [DockerFixture.RunLabel] = docker.RunId } },
            cancellationToken);
        await NodeReadiness.WaitAsync(docker.Containers, container, TimeSpan.FromSeconds(60), TimeProvider.System, cancellationToken);
        return (container, await docker.Containers.GetAddressAsync(container, network, cancellationToken));
    }
}
