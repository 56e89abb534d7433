using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Images;

[Collection(DockerCollection.Name)]
public sealed class BaseImageProviderFunctionalTests(DockerFixture docker)
{
    [Fact]
    public async Task BootstrapAsync_NoRegistry_BuildsBookwormFromTheHostsAptSources()
    {
        // Given a private tag, so the lab's own debian:bookworm-slim (and every image cached on it) stays as it is
        var cancellationToken = TestContext.Current.CancellationToken;
        var reference = $"vclab-test/debian:{docker.RunId}";
        var progress = new RecordedProgress();
        var provider = new BaseImageProvider(docker.Images, docker.Log) { TryPull = false, Reference = reference, Progress = progress };

        // When it is built from nothing
        var imageId = await provider.BootstrapAsync(cancellationToken);

        // Then the console was told what the half minute is for
        Assert.Equal([$"making the base image {reference} from this machine's apt sources (mmdebstrap, once per machine)"], progress.Reports);

        try
        {
            // Then it is Debian 12, its apt sources are the host's own, and apt can install from them
            var container = await docker.Containers.RunAsync(
                new ContainerSpec($"vclab-test-base-{docker.RunId}", reference) { Command = ["sleep", "600"], Labels = docker.RunLabels },
                cancellationToken);
            var osRelease = await docker.Containers.ExecAsync(container, ["cat", "/etc/os-release"], cancellationToken);
            Assert.Contains("VERSION_CODENAME=bookworm", osRelease.StandardOutput, StringComparison.Ordinal);

            var sources = await docker.Containers.ExecAsync(container, ["cat", "/etc/apt/sources.list"], cancellationToken);
            foreach (var hostSource in AptSourceList.ReadRelease("bookworm"))
            {
                Assert.Contains(hostSource.Uri, sources.StandardOutput, StringComparison.Ordinal);
            }

            // And it is slim, as the official image: merged /usr, no usrmerge and no perl beyond perl-base, about 75 MB
            var slim = await docker.Containers.ExecAsync(
                container, ["sh", "-c", "[ -L /bin ] && ! dpkg-query -W -f '${db:Status-Status}\\n' usrmerge perl 2>/dev/null | grep -qx installed; echo \"merged=$? usr=$(du -sxm /usr | cut -f1)\""], cancellationToken);
            Assert.Matches(@"^merged=0 usr=([0-8][0-9]|[0-9])$", slim.StandardOutput.Trim());

            var install = await docker.Containers.ExecAsync(
                container, ["sh", "-c", "apt-get update -qq && apt-get install -y -qq --no-install-recommends hello && hello"], cancellationToken);
            Assert.True(install.Succeeded, install.StandardError);
            Assert.Contains("Hello, world!", install.StandardOutput, StringComparison.Ordinal);
            Assert.StartsWith("sha256:", imageId, StringComparison.Ordinal);
        }
        finally
        {
            await docker.Images.RemoveAsync(reference, cancellationToken);
        }
    }

    [Fact]
    [BadInput]
    public async Task BootstrapAsync_NoAptSourcesForBookworm_SaysBothWaysOut()
    {
        // Given an apt configuration with no Debian bookworm entry
        var aptRoot = TestFolders.Create("vclab-apt-");
        File.WriteAllText(Path.Combine(aptRoot, "sources.list"), "deb http://archive.example/ubuntu jammy main\n");
        var provider = new BaseImageProvider(docker.Images, docker.Log) { TryPull = false, AptRoot = aptRoot, Reference = $"vclab-test/none:{docker.RunId}" };

        // When / Then: the error names the files read and both ways out
        var error = await Assert.ThrowsAsync<BaseImageUnavailableException>(() => provider.BootstrapAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"{aptRoot}/sources.list", error.Message, StringComparison.Ordinal);
        Assert.Contains("docker load", error.Message, StringComparison.Ordinal);
        Assert.Contains("mmdebstrap", error.Message, StringComparison.Ordinal);
    }
}
