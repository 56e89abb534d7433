using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Stages;

/// <summary>
/// validate.yml: waits for the API at k8s_api_wait_host:port, then checks the kubeconfig, the server version
/// (at least 1.20), the credentials (access reviews), the SSH key and a login to the control plane, and, when
/// building, the build host's git, go, make and docker; when a tenant is to be created, that its name is not taken.
/// Every problem is reported together.
/// </summary>
internal sealed class ValidateStage(IClusterConnection connection, IHostAccess hosts, VirtualClusters tenants, TimeProvider time, ILogger<ValidateStage> logger) : IInstallStage
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

        // The hosts are checked while the API is: neither waits for the other.
        var buildTools = settings.Build.FromSource ? MissingBuildToolsAsync(cancellationToken) : Task.FromResult(Enumerable.Empty<string>());
        var controlPlane = ControlPlaneProblemsAsync(cancellationToken);
        problems.AddRange(await buildTools);

        var server = connection.Server;
        var host = settings.ApiWait.Host ?? server.Host;
        var port = settings.ApiWait.Port ?? server.Port;
        InstallerLog.WaitingForApi(logger, host, port);
        if (!await WaitForPortAsync(host, port, TimeSpan.FromSeconds(settings.ApiWait.TimeoutSeconds), cancellationToken))
        {
            problems.Add($"The API server is not reachable at {host}:{port} (k8s_api_wait_host / k8s_api_wait_port) after {settings.ApiWait.TimeoutSeconds} s.");
            problems.AddRange(await controlPlane);
            throw new ProblemsException("Validation failed", problems);
        }

        // The version and the permissions are asked at once.
        var denied = AccessCheck.DeniedAsync(connection.Client, settings.VirtualCluster.Namespace, cancellationToken);
        var version = await connection.Client.Version.GetCodeAsync(cancellationToken);
        var serverVersion = new Version(int.Parse(version.Major, System.Globalization.CultureInfo.InvariantCulture), int.Parse(version.Minor.TrimEnd('+'), System.Globalization.CultureInfo.InvariantCulture));
        if (serverVersion < Minimum)
        {
            problems.Add($"The super cluster runs Kubernetes {version.GitVersion}; VirtualCluster needs {Minimum} or newer.");
        }

        problems.AddRange((await denied)
            .Select(permission => $"The credentials in {connection.KubeconfigPath} may not {permission}."));
        if (TenantStages.SkipReason(context) is null
            && await tenants.TakenAsync(settings.Tenant.Namespace, settings.Tenant.Name, Ownership.Of(settings), cancellationToken) is { } taken)
        {
            problems.Add(taken);
        }

        problems.AddRange(await controlPlane);
        return problems.Count > 0
            ? throw new ProblemsException("Validation failed", problems)
            : StageResult.Unchanged($"API {host}:{port} answers, Kubernetes {version.GitVersion}, credentials sufficient");
    }

    /// <summary>The key for the control plane exists, and the control plane takes it: upload and distribution need both.</summary>
    private async Task<IEnumerable<string>> ControlPlaneProblemsAsync(CancellationToken cancellationToken)
    {
        var key = hosts.PrivateKeyPath;
        if (!File.Exists(key))
        {
            return [$"The SSH private key '{key}' does not exist: give the key that {hosts.ControlPlaneAddress} accepts (ansible_ssh_private_key_file in the vars file, or --VirtualCluster:Ssh:PrivateKeyPath)."];
        }

        try
        {
            await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
            return [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return [$"The control plane cannot be reached over SSH as {hosts.ControlPlaneAddress} with the key '{key}': {exception.Message} (ansible_host, ansible_user / virtualcluster_ssh_user, ansible_port)."];
        }
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

    private async Task<bool> WaitForPortAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Wait.UntilAsync($"{host}:{port} accepts connections", async token =>
            {
                using var socket = new TcpClient();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.ConnectAsync(host, port, attempt.Token);
                    return Wait.Probe.Ready("connected");
                }
                catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !token.IsCancellationRequested))
                {
                    return Wait.Probe.Waiting(exception.Message);
                }
            }, timeout, TimeSpan.FromMilliseconds(500), time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
