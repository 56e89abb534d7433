using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Tests.Infrastructure;

/// <summary>Small images for workloads in tests, made from what the lab already built (no registry).</summary>
public static class TestImages
{
    /// <summary>A long-running do-nothing image (the pause binary under another name).</summary>
    public static Task<string> SleeperAsync(DockerFixture docker, CancellationToken cancellationToken) =>
        BuildFromAsync(docker, KubernetesImages.Pause(KubernetesImages.DefaultSourceVersion), "sleeper", "", cancellationToken);

    /// <summary>kubectl alone: in a pod it talks to the API through the kubernetes Service with its service account.</summary>
    public static Task<string> KubectlAsync(DockerFixture docker, CancellationToken cancellationToken) =>
        BuildFromAsync(docker, KubernetesImages.Binaries(KubernetesImages.DefaultSourceVersion), "kubectl", "ENTRYPOINT [\"/usr/local/bin/kubectl\"]\n", cancellationToken);

    /// <summary>
    /// A stand-in for a VirtualCluster component image (the real ones need GitHub and the Go module proxy):
    /// FROM debian:bookworm-slim, with /usr/local/bin/BINARY a long-running program that prints its arguments.
    /// </summary>
    public static async Task<string> StandInAsync(DockerFixture docker, string component, string tag, CancellationToken cancellationToken)
    {
        var context = Directory.CreateTempSubdirectory($"vclab-standin-{component}-");
        await File.WriteAllTextAsync(Path.Combine(context.FullName, component), "#!/bin/sh\necho \"stand-in $0 $*\"\ntrap 'exit 0' TERM\nwhile :; do sleep 3600 & wait $!; done\n", cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(context.FullName, "Dockerfile"),
            $"FROM debian:bookworm-slim\nCOPY {component} /usr/local/bin/{component}\nRUN chmod 0755 /usr/local/bin/{component}\nENTRYPOINT [\"/usr/local/bin/{component}\"]\n",
            cancellationToken);
        await docker.Images.BuildAsync(new ImageBuildRequest(context.FullName, docker.Track(tag)), docker.Log, cancellationToken);
        context.Delete(recursive: true);
        return tag;
    }

    private static async Task<string> BuildFromAsync(DockerFixture docker, LabImage parent, string name, string extra, CancellationToken cancellationToken)
    {
        var parentReference = await docker.ImageBuilder.EnsureAsync(parent, cancellationToken);
        var context = Directory.CreateTempSubdirectory($"vclab-{name}-");
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), $"FROM {parentReference}\n{extra}", cancellationToken);
        var tag = docker.Track($"vclab-test/{name}:{docker.RunId}");
        await docker.Images.BuildAsync(new ImageBuildRequest(context.FullName, tag), docker.Log, cancellationToken);
        context.Delete(recursive: true);
        return tag;
    }
}
