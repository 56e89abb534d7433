using VcLab.Hosting.Docker;
using VcLab.Installer.Pipeline;

namespace VcLab.Hosting.Nodes;

/// <summary>Waits until a node container's containerd and sshd answer.</summary>
public static class NodeReadiness
{
    private static readonly string[] Probe = ["sh", "-c", "ctr version >/dev/null 2>&1 && test -s /run/sshd.pid"];

    public static async Task WaitAsync(IContainerEngine engine, string container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Wait.UntilAsync($"Node {container}: containerd and sshd answer", async token =>
                (await engine.ExecAsync(container, Probe, token)).Succeeded ? Wait.Probe.Ready("up") : Wait.Probe.Waiting("not yet"),
                timeout, TimeSpan.FromMilliseconds(300), TimeProvider.System, cancellationToken);
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
