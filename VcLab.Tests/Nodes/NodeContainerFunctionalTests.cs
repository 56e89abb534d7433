using Renci.SshNet;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Nodes;
using VcLab.Hosting.Ssh;
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
