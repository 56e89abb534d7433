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

    private static async Task<string> BuildFromAsync(DockerFixture docker, LabImage parent, string name, string extra, CancellationToken cancellationToken)
    {
        var parentReference = await docker.ImageBuilder.EnsureAsync(parent, cancellationToken);
        var context = Directory.CreateTempSubdirectory($"vclab-{name}-");
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), $"FROM {parentReference}\n{extra}", cancellationToken);
        var tag = $"vclab-test/{name}:{docker.RunId}";
        await docker.Images.BuildAsync(new ImageBuildRequest(context.FullName, tag), docker.Log, cancellationToken);
        context.Delete(recursive: true);
        return tag;
    }
}
