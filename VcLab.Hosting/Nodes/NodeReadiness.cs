using VcLab.Hosting.Docker;
using VcLab.Installer.Waiting;

namespace VcLab.Hosting.Nodes;

/// <summary>Waits until a node container's containerd and sshd answer; fails at once if its preloaded store could not be unpacked.</summary>
internal static class NodeReadiness
{
    private const int StoreFailed = 3;

    private static readonly string[] Probe =
        ["sh", "-c", $"test ! -e /run/vclab-store-failed || exit {StoreFailed}; ctr version >/dev/null 2>&1 && test -s /run/sshd.pid"];

    public static async Task WaitAsync(IContainerEngine engine, string container, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Wait.UntilAsync($"Node {container}: containerd and sshd answer", async token =>
            {
                var seen = await engine.ExecAsync(container, Probe, token);
                if (seen.ExitCode == StoreFailed)
                {
                    var log = await engine.ExecAsync(container, ["cat", "/var/log/vclab/store.log"], token);
                    throw new InvalidOperationException(
                        $"Node {container}: its preloaded containerd store could not be unpacked, so containerd was not started. " +
                        $"Check the free memory and the file it names (remove it to have it made again):{Environment.NewLine}{log.StandardOutput}");
                }

                return seen.Succeeded ? Wait.Probe.Ready("up") : Wait.Probe.Waiting("not yet");
            },
            timeout, TimeSpan.FromMilliseconds(300), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var logs = await engine.ExecAsync(container, ["sh", "-c", "tail -n 20 /var/log/vclab/*.log"], cancellationToken);
            throw new TimeoutException(
                $"Node {container}: containerd and sshd did not come up within {timeout.TotalSeconds:F0} s. " +
                $"Last lines of its logs:{Environment.NewLine}{logs.StandardOutput}{logs.StandardError}");
        }
    }
}
