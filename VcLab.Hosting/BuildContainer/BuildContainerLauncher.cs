using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.BuildContainer;

/// <summary>
/// Starts the build container (git, make, Go, the Docker CLI on the host's engine through its mounted socket) and,
/// for offline runs, serves the sample upstream in it as a git repository that download-source really clones.
/// </summary>
public sealed class BuildContainerLauncher(IContainerEngine containers, LabImageBuilder imageBuilder)
{
    public const string Label = "vclab.build-container";
    public const string SampleRepository = "/srv/git/cluster-api-provider-nested";

    /// <summary>The sample tree next to the running assembly.</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "Samples", "virtualcluster-upstream");

    public async Task<BuildContainer> StartAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var image = await imageBuilder.EnsureAsync(LabImages.BuildContainer, cancellationToken);
        await containers.RemoveAsync(name, cancellationToken);
        var id = await containers.RunAsync(
            new ContainerSpec(name, image)
            {
                Hostname = name,
                Labels = new Dictionary<string, string>(labels) { [Label] = name },
                Binds = [$"{DockerEndpoint.DefaultSocketPath}:/var/run/docker.sock"],
            },
            cancellationToken);
        await SeedSampleRepositoryAsync(id, cancellationToken);
        return new BuildContainer(name, id, SampleRepository);
    }

    private async Task SeedSampleRepositoryAsync(string container, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(SampleDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SampleDirectory, file).Replace('\\', '/');
            await containers.WriteFileAsync(
                container,
                new ContainerFile($"{SampleRepository}/{relative}", await File.ReadAllBytesAsync(file, cancellationToken), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
                cancellationToken);
        }

        var init = await containers.ExecAsync(
            container,
            ["sh", "-c", $"cd {SampleRepository} && git init -q -b main && git add -A && git -c user.name=vclab -c user.email=vclab@localhost commit -q -m 'Offline stand-in for the VirtualCluster source' && git rev-parse HEAD"],
            cancellationToken);
        init.EnsureSuccess(container, ["git", "init", SampleRepository]);
    }
}
