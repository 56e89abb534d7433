using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.AppHost;

/// <summary>The AppHost as a process: what it says, and how soon, when the lab cannot start.</summary>
public sealed class AppHostPreflightFunctionalTests
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(60);

    [Fact]
    [BadInput]
    public async Task AppHost_DashboardPortInUse_StopsAtOnceNamingThePortAndItsHolder()
    {
        // Given the dashboard's port held by this test process
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        // When the AppHost starts with it
        var (exitCode, error) = await RunAppHostAsync(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        // Then it exits 1 before starting anything, naming the port, the setting and the holder
        Assert.Equal(1, exitCode);
        Assert.Contains($"VcLab cannot start: 127.0.0.1:{port} for the Aspire dashboard (ASPNETCORE_URLS=", error, StringComparison.Ordinal);
        Assert.Contains($"(pid {Environment.ProcessId})", error, StringComparison.Ordinal);
    }

    [Fact]
    [Fault]
    public async Task AppHost_NoDockerEngine_StopsAtOnceSayingWhatToDo()
    {
        // Given a Docker endpoint where no engine is
        var socket = Path.Combine(Path.GetTempPath(), $"vclab-no-docker-{Guid.NewGuid():N}.sock");

        // When the AppHost starts with it
        var (exitCode, error) = await RunAppHostAsync(new() { ["DOCKER_HOST"] = $"unix://{socket}" });

        // Then it exits 1 at once, naming the endpoint and the command that installs and starts the engine
        Assert.Equal(1, exitCode);
        Assert.Contains("VcLab cannot start:", error, StringComparison.Ordinal);
        Assert.Contains(socket, error, StringComparison.Ordinal);
        Assert.Contains("prerequisites.sh", error, StringComparison.Ordinal);
    }

    [Theory]
    [BadInput]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../clusters")]
    public async Task AppHost_LabNameThatIsNoName_StopsBeforeDeletingAnything(string name)
    {
        // Given a home with other labs' state and caches (an empty name once named the whole state folder, '..' all of ~/.vclab)
        var home = Infrastructure.TestFolders.Create("vclab-home-");
        var kept = new[] { Path.Combine(home, ".vclab", "clusters", "other-lab", "kubeconfig"), Path.Combine(home, ".vclab", "caches", "other-lab", "vc-images-cache", "bundle.json") };
        foreach (var file in kept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, "kept", TestContext.Current.CancellationToken);
        }

        // When the AppHost starts with that name
        var (exitCode, error) = await RunAppHostAsync(new() { ["HOME"] = home }, [$"--SuperCluster:Name={name}"]);

        // Then it exits 2 naming the setting, and every other lab's files are still there
        Assert.Equal(2, exitCode);
        Assert.Contains($"SuperCluster:Name is '{name}': a lab's name must be a DNS label", error, StringComparison.Ordinal);
        Assert.All(kept, file => Assert.True(File.Exists(file), $"{file} was deleted"));
    }

    [Fact]
    [BadInput]
    public async Task AppHost_EveryParameterMistyped_NamesThemAllAtOnce_AndStartsNothing()
    {
        // Given six settings, each wrong
        string[] arguments =
        [
            "--SuperCluster:Name=Lab_1", "--Parameters:super-cluster-workers=0", "--Parameters:tenants=two",
            "--Parameters:lifetime=forever", "--Parameters:super-cluster-distribution=kind", "--Parameters:demo=yes",
        ];

        // When the AppHost starts with them
        var (exitCode, error) = await RunAppHostAsync([], arguments);

        // Then it exits 2 at once, naming each setting and what to give
        Assert.Equal(2, exitCode);
        Assert.Contains("SuperCluster:Name is 'Lab_1'", error, StringComparison.Ordinal);
        Assert.Contains("Parameters:super-cluster-workers is '0': give a whole number of workers from 1 to 8", error, StringComparison.Ordinal);
        Assert.Contains("Parameters:tenants is 'two': give a whole number of tenants from 0 to 8", error, StringComparison.Ordinal);
        Assert.Contains("Parameters:lifetime is 'forever': use 'session'", error, StringComparison.Ordinal);
        Assert.Contains("Parameters:super-cluster-distribution is 'kind': use 'debian'", error, StringComparison.Ordinal);
        Assert.Contains("Parameters:demo is 'yes': use 'true'", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> RunAppHostAsync(Dictionary<string, string> environment, string[]? arguments = null)
    {
        var start = new ProcessStartInfo(AppHostExecutable(), arguments ?? [])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["SuperCluster__Name"] = $"vcp-{Guid.NewGuid().ToString("N")[..6]}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(AtOnce);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The AppHost was still running after {AtOnce.TotalSeconds} s. Output: {await output}");
        }

        return (process.ExitCode, await error);
    }

    /// <summary>The AppHost as its own build wrote it (same configuration and framework as this test assembly).</summary>
    private static string AppHostExecutable()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "VcLab.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException($"No VcLab.sln above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(root.FullName, "VcLab.AppHost", "bin", configuration, framework, "VcLab.AppHost");
    }
}
