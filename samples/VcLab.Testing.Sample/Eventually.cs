namespace VcLab.Testing.Sample;

/// <summary>Asks again every second until the cluster shows what a test waits for, or says what it waited for in vain.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    public static async Task<T> GetAsync<T>(string what, Func<Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Within);
        try
        {
            while (true)
            {
                if (await probe() is { } value)
                {
                    return value;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Within.TotalMinutes} minutes for {what}.");
        }
    }
}
