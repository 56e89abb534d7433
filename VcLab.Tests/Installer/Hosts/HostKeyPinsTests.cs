using VcLab.Installer.Hosts;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Hosts;

/// <summary>The controller's pinned host keys, in a file every install of the user shares.</summary>
public sealed class HostKeyPinsTests
{
    private readonly string _file = Path.Combine(TestFolders.Create("vclab-pins-"), "known_hosts");

    [Fact]
    public async Task Accept_ManyRunsPinningAtOnce_EachHostIsPinnedOnce_AndEveryOneAccepted()
    {
        // Given eight runs (each with its own view of the file) meeting the same two hosts at once
        var key = new byte[] { 1, 2, 3 };
        var other = new byte[] { 4, 5, 6 };

        // When they all pin them
        var accepted = await Task.WhenAll(Enumerable.Range(0, 8).Select(run => Task.Run(() =>
            new HostKeyPins(_file).Accept("[10.0.0.2]:22", key) && new HostKeyPins(_file).Accept("[10.0.0.3]:22", other), TestContext.Current.CancellationToken)));

        // Then every run accepted them, and the file holds each host once
        Assert.All(accepted, Assert.True);
        Assert.Equal(2, File.ReadAllLines(_file).Length);
    }

    [Fact]
    public void Accept_HostListedTwiceWithTheSameKey_IsAccepted_AChangedKeyIsRefused()
    {
        // Given a file an older run left with a host listed twice
        new HostKeyPins(_file).Accept("[10.0.0.2]:22", [1, 2, 3]);
        File.AppendAllLines(_file, [File.ReadAllLines(_file)[0]]);

        // Then the same key is accepted and another one refused
        Assert.True(new HostKeyPins(_file).Accept("[10.0.0.2]:22", [1, 2, 3]));
        Assert.False(new HostKeyPins(_file).Accept("[10.0.0.2]:22", [9, 9, 9]));
    }
}
