using VcLab.Installer.Hosts;

namespace VcLab.Tests.Installer.Hosts;

public sealed class UrlCredentialsTests
{
    [Theory]
    [InlineData("git clone 'https://user:ghp_secret@github.com/org/repo' /src", "git clone 'https://***@github.com/org/repo' /src")]
    [InlineData("fatal: https://x-access-token:abc123@example.org/r.git not found", "fatal: https://***@example.org/r.git not found")]
    [InlineData("ssh://git@host:22/repo.git", "ssh://***@host:22/repo.git")]
    public void Redact_UrlWithCredentials_MasksTheUserInfo(string text, string expected) =>
        Assert.Equal(expected, UrlCredentials.Redact(text));

    [Theory]
    [InlineData("https://github.com/kubernetes-retired/cluster-api-provider-nested")]
    [InlineData("/srv/git/cluster-api-provider-nested")]
    [InlineData("mail root@localhost about https://example.org/a@b")]
    public void Redact_NoCredentials_LeavesTheTextAsItIs(string text) =>
        Assert.Equal(text, UrlCredentials.Redact(text));
}
