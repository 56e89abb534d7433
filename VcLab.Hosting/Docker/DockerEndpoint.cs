namespace VcLab.Hosting.Docker;

/// <summary>Where the Docker engine answers: <c>DOCKER_HOST</c> when set, otherwise the default Unix socket.</summary>
internal sealed record DockerEndpoint(Uri Uri)
{
    public const string DefaultSocketPath = "/var/run/docker.sock";

    public static DockerEndpoint FromEnvironment()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(dockerHost)
            ? new DockerEndpoint(new Uri($"unix://{DefaultSocketPath}"))
            : new DockerEndpoint(new Uri(dockerHost));
    }

    /// <summary>The socket file, for a unix:// endpoint.</summary>
    public string? SocketPath => Uri.Scheme == "unix" ? Uri.AbsolutePath : null;

    public override string ToString() => Uri.ToString();
}
