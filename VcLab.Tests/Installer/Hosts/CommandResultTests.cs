using VcLab.Installer.Hosts;

namespace VcLab.Tests.Installer.Hosts;

public sealed class CommandResultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnsureSuccess_AScriptOfSeveralLinesFails_TheFirstLineSaysWhatItSaidLast_TheScriptComesAtTheEnd()
    {
        // Given a script of several lines that fails on this machine's shell
        var result = await ProcessShell.Local().RunAsync("echo checking out >&2\necho 'fatal: Needed a single revision' >&2\nexit 128", Token);

        // When its success is asked for
        var error = Assert.Throws<HostCommandException>(() => result.EnsureSuccess());

        // Then the message's first line names the host, the exit code and the error; the script follows its output
        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("On localhost, a script exited with 128; the last it said: fatal: Needed a single revision. Last lines:", lines[0]);
        Assert.True(
            error.Message.IndexOf("checking out", StringComparison.Ordinal) < error.Message.IndexOf("The script:", StringComparison.Ordinal),
            error.Message);
        Assert.EndsWith("exit 128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSuccess_OneLineCommandFails_ItIsQuotedOnTheFirstLine()
    {
        var result = await ProcessShell.Local().RunAsync("false", Token);

        var error = Assert.Throws<HostCommandException>(() => result.EnsureSuccess());

        Assert.StartsWith("On localhost, 'false' exited with 1. Last lines:", error.Message, StringComparison.Ordinal);
    }
}
