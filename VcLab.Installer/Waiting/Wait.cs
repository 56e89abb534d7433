namespace VcLab.Installer.Waiting;

/// <summary>
/// One way to wait: poll a probe until it reports done, on <see cref="TimeProvider"/>, and on timeout say what was
/// awaited and the last state seen.
/// </summary>
public static class Wait
{
    /// <summary>What a probe saw: whether the wait is over, and the state to quote if it never is.</summary>
    public readonly record struct Probe(bool Done, string State)
    {
        public static Probe Ready(string state) => new(true, state);

        public static Probe Waiting(string state) => new(false, state);
    }

    public static async Task<string> UntilAsync(
        string what, Func<CancellationToken, Task<Probe>> probe, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var seen = await probe(cancellationToken);
            if (seen.Done)
            {
                return seen.State;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"{what}: not so after {timeout.TotalSeconds:0} s. Last seen: {seen.State}");
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
