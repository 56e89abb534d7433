using Microsoft.Extensions.Time.Testing;
using VcLab.Installer.Waiting;

namespace VcLab.Tests.Installer.Waiting;

public sealed class WaitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UntilAsync_ProbeReadyOnTheThirdLook_ReturnsItsState()
    {
        // Given a probe that is ready on its third look, and a clock the test moves
        var time = new FakeTimeProvider();
        var looks = 0;

        // When waited for
        var wait = Wait.UntilAsync("the thing", _ => Task.FromResult(++looks == 3 ? Wait.Probe.Ready("ready") : Wait.Probe.Waiting($"look {looks}")), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), time, Token);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.Yield();
        }

        // Then the last state is returned after three looks
        Assert.Equal("ready", await wait);
        Assert.Equal(3, looks);
    }

    [Fact]
    public async Task UntilAsync_NeverReady_TimesOutNamingWhatAndTheLastStateSeen()
    {
        // Given a probe that is never ready
        var time = new FakeTimeProvider();
        var looks = 0;

        // When waited for 10 s
        var wait = Wait.UntilAsync("the webhook is served", _ => Task.FromResult(Wait.Probe.Waiting($"{++looks} endpoints missing")), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), time, Token);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.Yield();
        }

        // Then the timeout names what was awaited and the last state
        var exception = await Assert.ThrowsAsync<TimeoutException>(() => wait);
        Assert.Equal($"the webhook is served: not so after 10 s. Last seen: {looks} endpoints missing", exception.Message);
    }
}
