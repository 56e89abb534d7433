using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Tenants;

public sealed class TenantCommandsTests
{
    [Theory]
    [InlineData("create", "tenant create was cancelled; what it had created was removed again. Run it again to create the tenant.")]
    [InlineData("delete", "tenant delete was cancelled; what it had deleted goes on being deleted on the super cluster. Run it again to finish.")]
    [InlineData("pause", "tenant pause was cancelled; the tenant may be paused only in part. Run it again to finish, or 'tenant resume team-a' to bring it back.")]
    [InlineData("resume", "tenant resume was cancelled; its control plane may be only partly back. Run it again to finish.")]
    [InlineData("list", "tenant list was cancelled; run it again.")]
    public void Cancelled_SaysWhatTheCommandLeftAndHowToFinish(string word, string expected) =>
        Assert.Equal(expected, TenantCommands.Cancelled(new TenantCommand(Enum.Parse<TenantVerb>(word, ignoreCase: true), "team-a", null, false)));
}
