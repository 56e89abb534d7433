using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.BuildContainer;

/// <summary>
/// Starts the build container (git, make, Go, the Docker CLI on the host's engine through its mounted socket) with Go's
/// build cache on a volume that outlives it. Given an offline upstream folder (<see cref="LabUpstream"/>), it mounts the
/// folder read-only and serves its bundle as a git repository that download-source really clones; without one the
/// upstream URL is used. It also serves a stand-in repository for tests of the pipeline's mechanics.
/// </summary>
public sealed class BuildContainerLauncher(IContainerEngine containers, LabImageBuilder imageBuilder)
{
    public const string Label = "vclab.build-container";

    /// <summary>The offline upstream folder the container mounts ("" for none): re-attached only to the same one.</summary>
    public const string UpstreamLabel = "vclab.upstream";
    public const string SourceRepository = "/srv/git/cluster-api-provider-nested";
    public const string StandInRepository = "/srv/git/virtualcluster-stand-in";
    public const string UpstreamMount = "/srv/upstream";
    public const string UpstreamUrl = "https://github.com/kubernetes-retired/cluster-api-provider-nested";

    /// <summary>Go's build cache, shared by every build container on this machine (a cold build takes minutes, a warm one seconds).</summary>
    public const string DefaultGoCacheVolume = "vclab-go-build-cache";

    /// <summary>The Docker volume holding Go's build cache (another one starts empty, as the bench's cold build wants).</summary>
    public string GoCacheVolume { get; init; } = DefaultGoCacheVolume;

    /// <summary>
    /// A Docker volume for the installer's checkout (and the binaries built in it), kept when the container goes: the
    /// next container of the lab finds the same tree and reuses what was built. Null: the checkout lives and dies with
    /// the container.
    /// </summary>
    public string? SourceVolume { get; init; }

    /// <summary>Where <see cref="SourceVolume"/> is mounted; the checkout and its lock file are inside it.</summary>
    public const string SourceMount = "/var/lib/vclab-src";

    /// <summary>The volume a container was started with ("" for none): re-attached only with the same one.</summary>
    public const string SourceVolumeLabel = "vclab.source-volume";

    /// <summary>The stand-in tree next to the running assembly.</summary>
    public static string StandInDirectory => Path.Combine(AppContext.BaseDirectory, "Samples", "virtualcluster-stand-in");

    public async Task<BuildContainer> StartAsync(string name, IReadOnlyDictionary<string, string> labels, string? upstreamDir, CancellationToken cancellationToken)
    {
        using var span = HostingTelemetry.Source.StartActivity("build-container");
        span?.SetTag("vclab.container", name);
        try
        {
            return await LaunchAsync(name, labels, upstreamDir is null ? null : LabUpstream.Check(upstreamDir), cancellationToken);
        }
        catch (Exception exception)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }

    /// <summary>
    /// The build container of that name if it runs from today's build image with the same upstream folder (a persistent
    /// lab left it running, with its checkout and built binaries); else null.
    /// </summary>
    public async Task<BuildContainer?> AttachAsync(string name, string? upstreamDir, CancellationToken cancellationToken)
    {
        var upstream = upstreamDir is null ? null : LabUpstream.Check(upstreamDir);
        if (await containers.FindRunningAsync(name, cancellationToken) is not { } running
            || running.Image != await imageBuilder.EnsureAsync(LabImages.BuildContainer, cancellationToken)
            || running.Labels.GetValueOrDefault(UpstreamLabel, "") != (upstream ?? "")
            || running.Labels.GetValueOrDefault(SourceVolumeLabel, "") != (SourceVolume ?? ""))
        {
            return null;
        }

        return Describe(name, running.Id, upstream);
    }

    private BuildContainer Describe(string name, string id, string? upstream) =>
        (upstream is null
            ? new BuildContainer(name, id, UpstreamUrl, null, StandInRepository)
            : new BuildContainer(name, id, SourceRepository, UpstreamMount, StandInRepository))
        with { SourceDir = SourceVolume is null ? null : $"{SourceMount}/cluster-api-provider-nested" };

    private async Task<BuildContainer> LaunchAsync(string name, IReadOnlyDictionary<string, string> labels, string? upstream, CancellationToken cancellationToken)
    {
        var image = await imageBuilder.EnsureAsync(LabImages.BuildContainer, cancellationToken);
        await containers.RemoveAsync(name, cancellationToken);
        List<string> binds = [$"{DockerEndpoint.DefaultSocketPath}:/var/run/docker.sock", $"{GoCacheVolume}:/root/.cache/go-build"];
        if (upstream is not null)
        {
            binds.Add($"{upstream}:{UpstreamMount}:ro");
        }

        if (SourceVolume is not null)
        {
            binds.Add($"{SourceVolume}:{SourceMount}");
        }

        var id = await containers.RunAsync(
            new ContainerSpec(name, image)
            {
                Hostname = name,
                Labels = new Dictionary<string, string>(labels) { [Label] = name, [UpstreamLabel] = upstream ?? "", [SourceVolumeLabel] = SourceVolume ?? "" },
                Binds = binds,
            },
            cancellationToken);
        await SeedStandInAsync(id, cancellationToken);
        if (upstream is not null)
        {
            await ExecAsync(id, $"rm -rf {SourceRepository} && git clone --quiet --bare {UpstreamMount}/{LabUpstream.BundleFile} {SourceRepository}", cancellationToken);
        }

        return Describe(name, id, upstream);
    }

    private async Task SeedStandInAsync(string container, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(StandInDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(StandInDirectory, file).Replace('\\', '/');
            await containers.WriteFileAsync(
                container,
                new ContainerFile($"{StandInRepository}/{relative}", await File.ReadAllBytesAsync(file, cancellationToken), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
                cancellationToken);
        }

        await ExecAsync(
            container,
            $"cd {StandInRepository} && git init -q -b main && git add -A && git -c user.name=vclab -c user.email=vclab@localhost commit -q -m 'Stand-in for pipeline tests'",
            cancellationToken);
    }

    private async Task ExecAsync(string container, string script, CancellationToken cancellationToken) =>
        (await containers.ExecAsync(container, ["sh", "-c", script], cancellationToken)).EnsureSuccess(container, ["sh", "-c", script]);
}
