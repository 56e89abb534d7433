using VcLab.Hosting.Images;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Images;

public sealed class AptSourceListTests
{
    [Fact]
    public void ReadRelease_Deb822AndOneLineFiles_KeepsOnlyThatReleasesBinaryEntries()
    {
        // Given an apt folder with a deb822 file, a one-line file and an unrelated third-party source
        var root = TestFolders.Create("vclab-apt-");
        Directory.CreateDirectory(Path.Combine(root, "sources.list.d"));
        File.WriteAllText(Path.Combine(root, "sources.list.d", "debian.sources"), """
            Types: deb deb-src
            # a comment
            URIs: http://archive.example/debian
            Suites: bookworm bookworm-updates
            Components: main contrib
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: http://disabled.example/debian
            Suites: bookworm
            Components: main
            Enabled: no
            """);
        File.WriteAllText(Path.Combine(root, "sources.list"), """
            deb [arch=amd64] http://security.example/debian-security bookworm-security main # trailing
            deb-src http://security.example/debian-security bookworm-security main
            deb https://vendor.example/apt cloud-sdk-bookworm main
            """);
        File.WriteAllText(Path.Combine(root, "sources.list.d", "node.sources"), """
            Types: deb
            URIs: https://vendor.example/node
            Suites: nodistro
            Components: main
            """);

        // When
        var sources = AptSourceList.ReadRelease("bookworm", root);

        // Then
        Assert.Equal(
            [
                "deb http://security.example/debian-security bookworm-security main",
                "deb http://archive.example/debian bookworm main contrib",
                "deb http://archive.example/debian bookworm-updates main contrib",
            ],
            sources.Select(source => source.ToOneLine()));
    }

    [Fact]
    public void ReadRelease_NoMatchingRelease_ReturnsNothing()
    {
        var root = TestFolders.Create("vclab-apt-");
        File.WriteAllText(Path.Combine(root, "sources.list"), "deb http://archive.example/ubuntu jammy main\n");

        Assert.Empty(AptSourceList.ReadRelease("bookworm", root));
    }
}
