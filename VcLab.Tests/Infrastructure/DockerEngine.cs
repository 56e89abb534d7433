using System.Diagnostics;
using VcLab.Installer.Waiting;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// The machine's Docker engine, stopped and started as a person (or a machine's restart) does: with systemd where it
/// runs, else the engine's process and the README's prerequisites. Only tests of <see cref="EngineRestartCollection"/> stop it;
/// <see cref="RunAsync"/> runs any program (the docker CLI) for other tests too.
/// </summary>
internal static class DockerEngine
{
    public static async Task StopAsync(CancellationToken cancellationToken)
    {
        await RunAsync("sh", ["-c", "if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then systemctl stop docker docker.socket; else pkill -TERM -x dockerd || true; fi"], cancellationToken);
        // Stopped means its process is gone, not only its API: a dockerd shutting down still holds its pid file.
        await Wait.UntilAsync("the Docker engine has stopped", async token =>
            await AnswersAsync(token) || (await RunAsync("sh", ["-c", "pid=$(cat /var/run/docker.pid 2>/dev/null) && [ -d /proc/$pid ]"], token)).ExitCode == 0
                ? Wait.Probe.Waiting("its process still runs") : Wait.Probe.Ready("stopped"),
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
    }

    /// <summary>Starts the engine if it does not answer, the way the README's commands do (eng/prerequisites.sh).</summary>
    public static async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await AnswersAsync(cancellationToken))
        {
            var (exitCode, output) = await RunAsync("bash", ["-c", $"cd {Repository.Root} && source eng/prerequisites.sh"], cancellationToken);
            Assert.True(exitCode == 0 && await AnswersAsync(cancellationToken), $"The Docker engine did not start again: {output}");
        }
    }

    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken) => (await RunAsync("docker", ["version"], cancellationToken)).ExitCode == 0;

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
