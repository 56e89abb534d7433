using VcLab.Installer.Hosts;
using VcLab.Installer.Waiting;
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
            new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.2]:22", key) && new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.3]:22", other), TestContext.Current.CancellationToken)));

        // Then every run accepted them, and the file holds each host once
        Assert.All(accepted, Assert.True);
        Assert.Equal(2, File.ReadAllLines(_file).Length);
    }

    [Fact]
    public async Task Accept_WhileAnotherRunHoldsTheLock_WaitsForItsTurn()
    {
        // Given another run holding the file's lock
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var held = new FileStream($"{_file}.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // When a run meets a host meanwhile
        var accepting = Task.Run(() => new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.2]:22", [1, 2, 3]), TestContext.Current.CancellationToken);
        await Task.WhenAny(accepting, Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
        Assert.False(accepting.IsCompleted, "it went on without the lock");
        await held.DisposeAsync();

        // Then it pins the host once the lock is free
        Assert.True(await accepting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Single(File.ReadAllLines(_file));
    }

    [Fact]
    public async Task Accept_LockNeverFreed_GivesUpAfter30s_NamingTheLock()
    {
        // Given another run holding the file's lock for good, on a clock the test moves
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        await using var held = new FileStream($"{_file}.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

        // When a run meets a host, and 31 s pass again and again
        var accepting = Task.Run(() => new HostKeyPins(_file, time).Accept("[10.0.0.2]:22", [1, 2, 3]), TestContext.Current.CancellationToken);
        await Wait.UntilAsync("the run gives up or pins", _ =>
        {
            time.Advance(TimeSpan.FromSeconds(31));
            return Task.FromResult(accepting.IsCompleted ? Wait.Probe.Ready("done") : Wait.Probe.Waiting("still waiting for the lock"));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10), TimeProvider.System, TestContext.Current.CancellationToken);

        // Then it gives up saying which lock it waited for, and pins nothing
        var error = await Assert.ThrowsAsync<TimeoutException>(() => accepting);
        Assert.Contains($"the lock on {_file}.lock", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public void Accept_HostListedTwiceWithTheSameKey_IsAccepted_AChangedKeyIsRefused()
    {
        // Given a file an older run left with a host listed twice
        new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.2]:22", [1, 2, 3]);
        File.AppendAllLines(_file, [File.ReadAllLines(_file)[0]]);

        // Then the same key is accepted and another one refused
        Assert.True(new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.2]:22", [1, 2, 3]));
        Assert.False(new HostKeyPins(_file, TimeProvider.System).Accept("[10.0.0.2]:22", [9, 9, 9]));
    }
}
