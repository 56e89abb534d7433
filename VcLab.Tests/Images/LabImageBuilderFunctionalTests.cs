using VcLab.Hosting.Images;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Images;

[Collection(DockerCollection.Name)]
public sealed class LabImageBuilderFunctionalTests(DockerFixture docker)
{
    [Theory]
    [InlineData("node")]
    [InlineData("build")]
    public async Task EnsureAsync_SecondTime_IsACacheHitWithTheSameTag(string folder)
    {
        // Given a lab image that has been ensured once (built, or already cached on this machine)
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = folder == "node" ? LabImages.Node : LabImages.BuildContainer;
        var first = await docker.ImageBuilder.EnsureAsync(image, cancellationToken);
        var firstId = await docker.Images.FindImageIdAsync(first, cancellationToken);

        // When it is ensured again
        var log = new TestLogger();
        var builder = new LabImageBuilder(docker.Images, new BaseImageProvider(docker.Images, log) { TryPull = false }, log);
        var second = await builder.EnsureAsync(image, cancellationToken);

        // Then nothing is rebuilt: same tag, same image, and the log says cache hit
        Assert.Equal(first, second);
        Assert.Equal(firstId, await docker.Images.FindImageIdAsync(second, cancellationToken));
        Assert.StartsWith($"{image.Repository}:", second, StringComparison.Ordinal);
        Assert.Contains(log.Messages, message => message.Contains("cache hit", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, message => message.StartsWith("Building image", StringComparison.Ordinal));
        // and the engine lists it among the images VcLab built (what the bench's cold run looks for)
        Assert.Contains(second, await docker.Images.ListTagsByLabelAsync(LabImageBuilder.InputsHashLabel, cancellationToken));
    }

    [Fact]
    public async Task EnsureAsync_ALongBuild_SaysItIsStillBuildingAndHowFar_UntilItIsDone()
    {
        // Given a build that takes a few seconds and names two of its three Go packages (one on stderr, which the engine colours;
        // a second after the count, as stdout and stderr come on two pipes whose lines may cross), and a builder that speaks up every second
        var cancellationToken = TestContext.Current.CancellationToken;
        var context = new DirectoryInfo(TestFolders.Create("vclab-slow-"));
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), $"FROM debian:bookworm-slim\nRUN echo {Guid.NewGuid():N} && echo 'vclab-progress: 3 Go packages to build' && sleep 1 && echo runtime >&2 && echo k8s.io/api/core/v1 && sleep 4\n");
        var image = new LabImage($"vclab-test/slow-{docker.RunId}", context.FullName);
        var log = new TestLogger();
        var progress = new RecordedProgress();
        var builder = new LabImageBuilder(docker.Images, new BaseImageProvider(docker.Images, log) { TryPull = false }, log)
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Progress = progress,
        };

        // When it is built
        var reference = await builder.EnsureAsync(image, cancellationToken);
        try
        {
            // Then the log (and the progress, the AppHost's console and resource state) said, while it ran, that it was still building and for how long, and nothing of it after the end
            var said = log.Messages.ToList();
            var built = said.FindIndex(message => message.StartsWith($"Image {reference} built in", StringComparison.Ordinal));
            var still = said.FindIndex(message => message.StartsWith($"Still building image {reference}: 0 min ", StringComparison.Ordinal));
            Assert.True(still >= 0 && still < built, string.Join(Environment.NewLine, said));
            Assert.Contains(progress.Reports, report => report.StartsWith($"still building {reference}: 0 min ", StringComparison.Ordinal));
            // with how many Go packages the build named of those its Dockerfile said it would build
            Assert.Contains(progress.Reports, report => report.EndsWith(" s so far (2 of about 3 Go packages compiled)", StringComparison.Ordinal));
            // and, its last word, that it is done
            Assert.StartsWith($"built {reference} in 0 min ", progress.Reports[^1], StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            Assert.Equal(said.Count(message => message.StartsWith("Still building", StringComparison.Ordinal)), log.Messages.Count(message => message.StartsWith("Still building", StringComparison.Ordinal)));
            Assert.Equal(1, progress.Reports.Count(report => report.StartsWith("built ", StringComparison.Ordinal)));
        }
        finally
        {
            await docker.Images.RemoveAsync(reference, CancellationToken.None);
        }
    }

    [Fact]
    [BadInput]
    public async Task EnsureAsync_BrokenDockerfile_FailsWithTheTailOfTheBuild()
    {
        // Given a Dockerfile whose RUN step fails
        var context = new DirectoryInfo(TestFolders.Create("vclab-broken-"));
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), "FROM debian:bookworm-slim\nRUN echo about-to-fail && exit 3\n");
        var image = new LabImage($"vclab-test/broken-{docker.RunId}", context.FullName);

        // When / Then: the error names the image and carries the step's output
        var error = await Assert.ThrowsAsync<VcLab.Hosting.Docker.ImageBuildException>(
            () => docker.ImageBuilder.EnsureAsync(image, TestContext.Current.CancellationToken));
        Assert.Contains(image.Repository, error.Message, StringComparison.Ordinal);
        Assert.Contains("about-to-fail", error.Message, StringComparison.Ordinal);
    }
}
