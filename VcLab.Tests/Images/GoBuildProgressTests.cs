using VcLab.Hosting.Images;

namespace VcLab.Tests.Images;

public sealed class GoBuildProgressTests
{
    [Fact]
    public void Describe_CountsThePackagesNamedAfterTheTotal_AndNothingElse()
    {
        // Given a build's output: shell trace and make's lines, the total, then go build -v's packages among other lines
        var progress = new GoBuildProgress();
        string[] output =
        [
            "Step 7/12 : RUN set -eux; ...",
            "stdlib-looking-line-before-the-total",
            "+ echo 'vclab-progress: 4 Go packages to build'",
            "vclab-progress: 4 Go packages to build",
            "+++ [1204 16:40:01] Building go targets for linux/amd64:",
            "    cmd/kube-apiserver (static)",
            "runtime",
            "k8s.io/api/core/v1",
            "github.com/spf13/cobra",
        ];

        // When each line is observed
        Assert.Null(progress.Describe());
        foreach (var line in output)
        {
            progress.Observe(line);
        }

        // Then the three packages after the total count, the trace, make's lines and the line before the total do not
        Assert.Equal("3 of about 4 Go packages compiled", progress.Describe());
    }

    [Fact]
    public void Describe_AsManyPackagesAsTheTotalOrMore_SaysTheTotal_AndThatTheBinariesAreBeingLinked()
    {
        // Given a build that also compiles its code generators, so more packages than go list counted
        var progress = new GoBuildProgress();
        progress.Observe("vclab-progress: 2 Go packages to build");
        foreach (var package in new[] { "runtime", "errors", "k8s.io/code-generator/cmd/deepcopy-gen" })
        {
            progress.Observe(package);
        }

        // Then it never says more than the total, and says what the build does next (a minute or two of linking)
        Assert.Equal("about 2 Go packages compiled, linking the binaries", progress.Describe());
    }
}
