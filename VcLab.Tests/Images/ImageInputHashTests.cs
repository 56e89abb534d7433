using VcLab.Hosting.Images;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Images;

public sealed class ImageInputHashTests
{
    [Fact]
    public void Compute_SameInputs_SameHash_AnyChange_NewHash()
    {
        // Given a build context
        var context = new DirectoryInfo(TestFolders.Create("vclab-hash-"));
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), "FROM debian:bookworm-slim\n");
        var image = new LabImage("vclab/x", context.FullName);
        var first = ImageInputHash.Compute(image, "sha256:base1");

        // Then the hash is stable, and moves with the base image, a build argument, or a file
        Assert.Equal(first, ImageInputHash.Compute(image, "sha256:base1"));
        Assert.NotEqual(first, ImageInputHash.Compute(image, "sha256:base2"));
        Assert.NotEqual(first, ImageInputHash.Compute(image with { BuildArguments = new Dictionary<string, string> { ["A"] = "1" } }, "sha256:base1"));
        File.WriteAllText(Path.Combine(context.FullName, "extra.sh"), "echo\n");
        Assert.NotEqual(first, ImageInputHash.Compute(image, "sha256:base1"));
        Assert.Equal(ImageInputHash.Length, first.Length);
    }
}
