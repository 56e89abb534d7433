using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// validate.yml: waits for the API at k8s_api_wait_host:port, then checks the kubeconfig, the server version
/// (at least 1.20), the credentials (access reviews) and, when building here, go, make and docker.
/// Every problem is reported together.
/// </summary>
public sealed class ValidateStage(IClusterConnection connection, HostShellFactory hosts, ILogger<ValidateStage> logger) : IInstallStage
{
    private static readonly Version Minimum = new(1, 20);
    private static readonly string[] BuildTools = ["git", "go", "make", "docker"];

    public string Name => StageNames.Validate;

    public IReadOnlyList<string> DependsOn => [];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var settings = context.Settings;
        if (settings.Build.FromSource)
        {
            problems.AddRange(await MissingBuildToolsAsync(cancellationToken));
        }

        var server = connection.Server;
        var host = settings.ApiWait.Host ?? server.Host;
        var port = settings.ApiWait.Port ?? server.Port;
        InstallerLog.WaitingForApi(logger, host, port);
        if (!await WaitForPortAsync(host, port, TimeSpan.FromSeconds(settings.ApiWait.TimeoutSeconds), cancellationToken))
        {
            problems.Add($"The API server is not reachable at {host}:{port} (k8s_api_wait_host / k8s_api_wait_port) after {settings.ApiWait.TimeoutSeconds} s.");
            throw new ProblemsException("Validation failed", problems);
        }

        var version = await connection.Client.Version.GetCodeAsync(cancellationToken);
        var serverVersion = new Version(int.Parse(version.Major, System.Globalization.CultureInfo.InvariantCulture), int.Parse(version.Minor.TrimEnd('+'), System.Globalization.CultureInfo.InvariantCulture));
        if (serverVersion < Minimum)
        {
            problems.Add($"The super cluster runs Kubernetes {version.GitVersion}; VirtualCluster needs {Minimum} or newer.");
        }

        problems.AddRange((await AccessCheck.DeniedAsync(connection.Client, settings.VirtualCluster.Namespace, cancellationToken))
            .Select(denied => $"The credentials in {connection.KubeconfigPath} may not {denied}."));
        return problems.Count > 0
            ? throw new ProblemsException("Validation failed", problems)
            : StageResult.Unchanged($"API {host}:{port} answers, Kubernetes {version.GitVersion}, credentials sufficient");
    }

    private async Task<IEnumerable<string>> MissingBuildToolsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var host = await hosts.BuildHostAsync(cancellationToken);
            var check = await host.RunAsync($"for tool in {string.Join(' ', BuildTools)}; do command -v $tool >/dev/null 2>&1 || echo $tool; done", cancellationToken);
            return check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(tool => $"virtualcluster_build_host {host.Name}: '{tool}' is not installed (needed to build from source).");
        }
        catch (HostCommandException exception)
        {
            return [$"virtualcluster_build_host: {exception.Message}"];
        }
    }

    private static async Task<bool> WaitForPortAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            using var socket = new TcpClient();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await socket.ConnectAsync(host, port, attempt.Token);
                return true;
            }
            catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }
}
