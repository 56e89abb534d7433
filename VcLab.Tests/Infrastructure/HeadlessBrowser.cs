using System.Diagnostics;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// A real browser on this machine (Debian's chromium, headless, which eng/run-tests.sh installs): a page as a person's
/// browser loads and renders it, its DOM once loaded.
/// </summary>
internal static class HeadlessBrowser
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public static async Task<string> RenderAsync(Uri address, CancellationToken cancellationToken)
    {
        // As root, Chromium runs only without its sandbox; a profile of its own leaves the user's alone.
        var start = new ProcessStartInfo("chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            $"--user-data-dir={TestFolders.Create("vclab-chromium-")}", "--dump-dom", address.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Within);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not load {address} within {Within.TotalSeconds} s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode} loading {address}: {await error}");
        return await output;
    }
}
