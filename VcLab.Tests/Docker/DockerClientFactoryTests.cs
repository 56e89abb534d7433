using VcLab.Hosting.Docker;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Docker;

public sealed class DockerClientFactoryTests
{
    [Fact]
    [Fault]
    public async Task ConnectAsync_NoSocket_SaysTheEngineIsMissingOrStoppedAndWhatToDo()
    {
        // Given an endpoint whose socket does not exist
        var socket = Path.Combine(Path.GetTempPath(), $"vclab-no-docker-{Guid.NewGuid():N}.sock");
        var factory = new DockerClientFactory(new DockerEndpoint(new Uri($"unix://{socket}")));

        // When / Then: one message that says which case it is and what to do
        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => factory.ConnectAsync(TestContext.Current.CancellationToken));
        Assert.Contains(socket, error.Message, StringComparison.Ordinal);
        Assert.Matches("not running|No Docker engine", error.Message);
        Assert.Contains("prerequisites.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Fault]
    public async Task ConnectAsync_SocketNobodyListensOn_SaysTheEngineIsNotAnswering()
    {
        // Given a socket file that no engine listens on
        var socket = Path.Combine(Path.GetTempPath(), $"vclab-dead-{Guid.NewGuid():N}.sock");
        using (var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
        }

        var factory = new DockerClientFactory(new DockerEndpoint(new Uri($"unix://{socket}")));

        // When / Then
        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => factory.ConnectAsync(TestContext.Current.CancellationToken));
        Assert.Contains(socket, error.Message, StringComparison.Ordinal);
        File.Delete(socket);
    }
}
