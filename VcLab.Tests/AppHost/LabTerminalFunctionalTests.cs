using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.AppHost;

/// <summary>
/// The lab as a person runs it: <c>./eng/run-lab.sh</c> in a terminal (a pseudo-terminal made by <c>script</c>) on a
/// machine where the Docker engine is not running yet, the installer's progress on its console, then Ctrl+C. The engine is stopped first, so this runs after every
/// other collection.
/// </summary>
[Collection(EngineRestartCollection.Name)]
public sealed class LabTerminalFunctionalTests
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    [Fault]
    public async Task RunLab_EngineNotRunning_TheConsoleFollowsTheInstaller_CtrlCInTheTerminal_TearsTheLabDown_AndTheEngineStillAnswers()
    {
        // Given a machine whose Docker engine is not running
        var token = TestContext.Current.CancellationToken;
        await DockerEngine.StopAsync(token);
        var name = $"vcterm-{Guid.NewGuid().ToString("N")[..6]}";
        var state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vclab", "clusters", name);
        try
        {
            // When the lab is started in a terminal, and Ctrl+C is pressed there once the console says the installer finished
            // SIGINT's default handling, as a terminal's foreground program has it (a background test run inherits it ignored).
            var start = new ProcessStartInfo("script", ["-qfec", $"env --default-signal=INT ./eng/run-lab.sh --SuperCluster:Name={name} --Parameters:tenants=0", "/dev/null"])
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
            start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
            start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
            using var terminal = Process.Start(start)!;
            var console = new StringBuilder();
            var up = new TaskCompletionSource();
            terminal.OutputDataReceived += (_, line) =>
            {
                lock (console)
                {
                    console.AppendLine(line.Data);
                }

                if (line.Data?.Contains("vclab: installer: finished", StringComparison.Ordinal) == true)
                {
                    up.TrySetResult();
                }
            };
            terminal.BeginOutputReadLine();
            var finished = terminal.WaitForExitAsync(token);
            var first = await Task.WhenAny(up.Task, finished, Task.Delay(UpTimeout, token));
            Assert.True(first == up.Task, $"The lab did not come up with its installer finished (or ended) within {UpTimeout.TotalMinutes} minutes. Console:{Environment.NewLine}{Console(console)}");

            await terminal.StandardInput.WriteAsync("\u0003");
            await terminal.StandardInput.FlushAsync(token);
            var down = await Task.WhenAny(finished, Task.Delay(DownTimeout, token));
            if (down != finished)
            {
                terminal.Kill(entireProcessTree: true);
                Assert.Fail($"The lab was still running {DownTimeout.TotalMinutes} minutes after Ctrl+C. Console:{Environment.NewLine}{Console(console)}");
            }

            // Then the console followed the lab: its nodes, the installer's run and its end
            var said = Console(console);
            Assert.Matches(@"(?s)super-cluster: 3 nodes Ready.*installer: running its stages.*installer: finished in \d+ s: VirtualCluster is installed", said);

            // And the engine still answers, and the lab's containers, network and state folder are gone, as the console said
            var engine = await DockerEngine.RunAsync("docker", ["version", "--format", "{{.Server.APIVersion}}"], token);
            Assert.True(engine.ExitCode == 0, $"The Docker engine does not answer after Ctrl+C: {engine.Output}{Environment.NewLine}Console:{Environment.NewLine}{Console(console)}");
            var containers = await DockerEngine.RunAsync("docker", ["ps", "-aq", "--filter", $"label={VcLab.Hosting.SuperCluster.SuperCluster.ClusterLabel}={name}"], token);
            Assert.Equal(string.Empty, containers.Output.Trim());
            Assert.NotEqual(0, (await DockerEngine.RunAsync("docker", ["network", "inspect", name], token)).ExitCode);
            Assert.False(Directory.Exists(state), $"{state} is still there");
            Assert.Contains($"stopping: deleting the super cluster '{name}'", Console(console), StringComparison.Ordinal);

            // And the checkout volume, a cache kept for the next start, is still there (and the engine tells a volume it lacks)
            using var parts = await VcLab.Hosting.LabParts.ConnectAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, token);
            Assert.True(await parts.Containers.VolumeExistsAsync(VcLab.Hosting.LabCaches.SourceVolume(name), token));
            Assert.False(await parts.Containers.VolumeExistsAsync($"{name}-none", token));
        }
        finally
        {
            // The caches the lab keeps across its restarts, by design: this test's to remove.
            await DockerEngine.StartAsync(token);
            using var parts = await VcLab.Hosting.LabParts.ConnectAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
            await parts.Containers.RemoveAsync($"{name}-build", CancellationToken.None);
            await parts.Teardown.DeleteAsync(name, new VcLab.Hosting.SuperCluster.SuperClusterOptions().StateDirectory, CancellationToken.None);
            await VcLab.Hosting.LabCaches.RemoveAsync(parts.Containers, name, CancellationToken.None);
        }
    }

    private static string Console(StringBuilder console)
    {
        lock (console)
        {
            return console.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
