using System.Net.Sockets;
using Docker.DotNet;

namespace VcLab.Hosting.Docker;

/// <summary>
/// The one place that opens a Docker client. It checks the engine first, so that a missing engine,
/// a stopped engine and a socket without permission each fail at once with a message saying what to do.
/// </summary>
internal sealed class DockerClientFactory(DockerEndpoint endpoint)
{
    public DockerClientFactory() : this(DockerEndpoint.FromEnvironment())
    {
    }

    public DockerEndpoint Endpoint { get; } = endpoint;

    public async Task<IDockerClient> ConnectAsync(CancellationToken cancellationToken)
    {
        ThrowIfSocketUnusable();
        var client = new DockerClientBuilder().WithEndpoint(Endpoint.Uri).Build();
        try
        {
            await client.System.PingAsync(cancellationToken);
            return client;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException or TimeoutException)
        {
            client.Dispose();
            throw Explain(exception);
        }
    }

    private void ThrowIfSocketUnusable()
    {
        if (Endpoint.SocketPath is not { } socket)
        {
            return;
        }

        if (!File.Exists(socket))
        {
            throw new DockerUnavailableException(EngineMissingOrStopped(socket));
        }
    }

    private DockerUnavailableException Explain(Exception exception)
    {
        var socketError = FindSocketError(exception);
        var message = socketError switch
        {
            SocketError.AccessDenied =>
                $"The Docker engine socket {Endpoint} exists but this user may not use it. " +
                "Run as root, or add the user to the 'docker' group and log in again (usermod -aG docker $USER).",
            SocketError.ConnectionRefused or SocketError.AddressNotAvailable when Endpoint.SocketPath is { } socket =>
                EngineMissingOrStopped(socket),
            _ => $"The Docker engine at {Endpoint} did not answer ({exception.Message}). " +
                 "Check that dockerd is running (docker info), or set DOCKER_HOST to an engine that is.",
        };
        return new DockerUnavailableException(message, exception);
    }

    private static string EngineMissingOrStopped(string socket)
    {
        var installed = File.Exists("/usr/bin/dockerd") || File.Exists("/usr/local/bin/dockerd");
        return installed
            ? $"The Docker engine is installed but not running (no answer on {socket}). " +
              "Start it: 'systemctl start docker', or 'dockerd &' where there is no systemd (./eng/prerequisites.sh does this)."
            : $"No Docker engine on this machine (no {socket}, no dockerd). " +
              "Install it: 'apt-get install -y docker.io' on Debian or Ubuntu (./eng/prerequisites.sh does this), " +
              "or set DOCKER_HOST to a running engine.";
    }

    private static SocketError? FindSocketError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socketException)
            {
                return socketException.SocketErrorCode;
            }
        }

        return null;
    }
}
