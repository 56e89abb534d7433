using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;

namespace VcLab.Installer.Hosts;

/// <summary>
/// The one place that decides how a host is reached: the build host is <c>localhost</c> (a local process),
/// <c>docker://NAME</c> (docker exec, like Ansible's docker connection) or <c>[user@]host[:port]</c> (SSH);
/// the control plane is reached over SSH, over one connection for the whole run (each stage that uses it would otherwise
/// pay a key exchange), opened again if it dropped. Host keys are pinned when virtualcluster_ssh_keyscan_enabled is true.
/// </summary>
internal sealed class HostShellFactory(InstallerSettings settings, IClusterConnection connection, TimeProvider time, ILogger<HostShellFactory> logger) : IHostAccess, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _controlPlaneGate = new(1, 1);
    private SshShell? _controlPlane;

    public async Task<IHostShell> BuildHostAsync(CancellationToken cancellationToken)
    {
        var host = settings.Build.Host;
        if (host is "localhost" or "127.0.0.1")
        {
            return ProcessShell.Local();
        }

        if (host.StartsWith("docker://", StringComparison.Ordinal))
        {
            return ProcessShell.DockerContainer(host["docker://".Length..]);
        }

        var user = host.Contains('@', StringComparison.Ordinal) ? host.Split('@')[0] : settings.Ssh.User;
        var address = host.Split('@')[^1];
        var port = address.Contains(':', StringComparison.Ordinal) ? int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) : settings.Ssh.Port;
        return await ConnectAsync(address.Split(':')[0], port, user, cancellationToken);
    }

    public async Task<IHostShell> ControlPlaneAsync(CancellationToken cancellationToken)
    {
        await _controlPlaneGate.WaitAsync(cancellationToken);
        try
        {
            if (_controlPlane is not { IsConnected: true })
            {
                await (_controlPlane?.DisposeAsync() ?? ValueTask.CompletedTask);
                _controlPlane = null;
                _controlPlane = await ConnectAsync(settings.Ssh.ControlPlaneHost ?? connection.Server.Host, settings.Ssh.Port, settings.Ssh.User, cancellationToken);
            }

            return new SharedHostShell(_controlPlane);
        }
        finally
        {
            _controlPlaneGate.Release();
        }
    }

    /// <summary>The private key logins from this machine use (ansible_ssh_private_key_file, else ~/.ssh/id_ecdsa).</summary>
    public string PrivateKeyPath => settings.Ssh.PrivateKeyPath is { } path
        ? InstallerSettings.ExpandHome(path)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "id_ecdsa");

    /// <summary>Where the control plane is logged into: user@host:port.</summary>
    public string ControlPlaneAddress => $"{settings.Ssh.User}@{settings.Ssh.ControlPlaneHost ?? connection.Server.Host}:{settings.Ssh.Port}";

    public async ValueTask DisposeAsync()
    {
        await (_controlPlane?.DisposeAsync() ?? ValueTask.CompletedTask);
        _controlPlaneGate.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<SshShell> ConnectAsync(string host, int port, string user, CancellationToken cancellationToken)
    {
        var key = PrivateKeyPath;
        HostKeyPins? pins = null;
        if (settings.Ssh.KeyscanEnabled)
        {
            pins = new HostKeyPins(Path.Combine(InstallerSettings.ExpandHome(settings.Images.LocalCacheDir), "known_hosts"), time);
        }
        else
        {
            InstallerLog.HostKeyChecksOff(logger, $"{host}:{port}");
        }

        return await SshShell.ConnectAsync(host, port, user, key, pins, cancellationToken);
    }
}
