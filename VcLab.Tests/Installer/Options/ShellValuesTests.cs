using VcLab.Installer.Hosts;
using System.Diagnostics;
using VcLab.Installer.Options;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Options;

public sealed class ShellValuesTests
{
    [Theory]
    [BadInput]
    [InlineData("a;touch /tmp/x")]
    [InlineData("root$(id)")]
    [InlineData("o'brien")]
    [InlineData("-oProxyCommand=x")]
    public void Validate_SshUserThatIsNotALoginName_IsRefusedByName(string user)
    {
        var settings = InstallerSettings.Defaults();
        settings.Ssh.User = user;

        var error = Assert.Single(InstallerSettingsValidator.Validate(settings));

        Assert.StartsWith("virtualcluster_ssh_user is '", error, StringComparison.Ordinal);
        Assert.Contains("a login name is", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public void Validate_EveryShellBoundKind_ReportedTogether()
    {
        // Given a path, an image, a host and a git ref each with a shell character
        var settings = InstallerSettings.Defaults();
        settings.Images.CtrlplaneCacheDir = "/tmp/vc images";
        settings.Images.Syncer = "virtualcluster/syncer:latest;reboot";
        settings.Build.Host = "build`host`";
        settings.Build.SourceVersion = "--upload-pack=touch";

        // When
        var errors = InstallerSettingsValidator.Validate(settings);

        // Then all four are named
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_ctrlplane_cache_dir is '/tmp/vc images'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_syncer_image is", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_build_host is", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_source_version is", StringComparison.Ordinal));
    }

    [Fact]
    [BadInput]
    public void Validate_RepositoryUrlWithATokenAndAShellCharacter_IsRefusedWithoutShowingTheToken()
    {
        var settings = InstallerSettings.Defaults();
        settings.Build.SourceRepo = "https://ci:s3cr3t-token@git.example.org/repo.git;id";

        var error = Assert.Single(InstallerSettingsValidator.Validate(settings));

        Assert.StartsWith("virtualcluster_source_repo is", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ansible")]
    [InlineData("docker://vclab-build")]
    [InlineData("builder@10.0.0.5:2222")]
    [InlineData("build-01.example.org")]
    public void Validate_UsualHostsAndUsers_AreAccepted(string host)
    {
        var settings = InstallerSettings.Defaults();
        settings.Build.Host = host;
        settings.Ssh.User = "ci_user.1";

        Assert.Empty(InstallerSettingsValidator.Validate(settings));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData("$(touch /tmp/vclab-never) `id` ; | &")]
    public async Task Quote_AnyValue_ReachesTheShellAsOneWordUnchanged(string value)
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", $"printf %s {Sh.Quote(value)}"]) { RedirectStandardOutput = true })!;
        var output = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(value, output);
        Assert.False(File.Exists("/tmp/vclab-never"));
    }
}
