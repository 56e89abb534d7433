using Renci.SshNet;
using Renci.SshNet.Common;

namespace VcLab.Installer.Hosts;

/// <summary>
/// A host reached over SSH (SSH.NET): commands over an exec channel, files over SFTP. The SFTP session is opened the
/// first time a file larger than a script is moved (every session is a key exchange of its own, and most uses only run
/// commands); a small file travels inside a command.
/// </summary>
internal sealed class SshShell : IHostShell
{
    /// <summary>Files up to this size are written through the command channel rather than SFTP.</summary>
    private const long SmallFile = 64 * 1024;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly SshClient _ssh;
    private readonly SftpClient _sftp;
    private readonly PrivateKeyFile _key;
    private readonly Func<BaseClient, CancellationToken, Task> _connect;
    private readonly SemaphoreSlim _sftpConnecting = new(1, 1);

    private SshShell(string name, SshClient ssh, SftpClient sftp, PrivateKeyFile key, Func<BaseClient, CancellationToken, Task> connect)
    {
        Name = name;
        _ssh = ssh;
        _sftp = sftp;
        _key = key;
        _connect = connect;
    }

    public string Name { get; }

    /// <summary>Whether the command session is still open (a host that went away closes it).</summary>
    public bool IsConnected => _ssh.IsConnected;

    /// <summary>Connects with a private key; <paramref name="pins"/> null skips host key checks.</summary>
    public static async Task<SshShell> ConnectAsync(string host, int port, string user, string privateKeyPath, HostKeyPins? pins, CancellationToken cancellationToken)
    {
        var name = $"{user}@{host}:{port}";
        if (!File.Exists(privateKeyPath))
        {
            throw new HostCommandException($"The SSH private key '{privateKeyPath}' for {name} does not exist (VirtualCluster:Ssh:PrivateKeyPath).");
        }

        var key = new PrivateKeyFile(privateKeyPath);
        var connection = new ConnectionInfo(host, port, user, new PrivateKeyAuthenticationMethod(user, key)) { Timeout = TimeSpan.FromSeconds(15) };
        var ssh = new SshClient(connection);
        var sftp = new SftpClient(connection);

        // Both sessions are checked against the same pin, and fail with the same words.
        async Task Connect(BaseClient client, CancellationToken token)
        {
            var refused = false;
            void Check(object? sender, HostKeyEventArgs e)
            {
                e.CanTrust = pins?.Accept($"[{host}]:{port}", e.HostKey) ?? true;
                refused |= !e.CanTrust;
            }

            client.HostKeyReceived += Check;
            try
            {
                await client.ConnectAsync(token);
            }
            catch (SshConnectionException exception) when (refused)
            {
                throw new HostCommandException(
                    $"The SSH host key of {host}:{port} has changed since it was pinned in {pins!.Path}. Refusing to connect. " +
                    "If the host was re-created on purpose, remove its line from that file.", exception);
            }
            catch (Exception exception) when (exception is SshException or System.Net.Sockets.SocketException)
            {
                throw new HostCommandException($"Cannot reach {name} over SSH: {exception.Message}", exception);
            }
            finally
            {
                client.HostKeyReceived -= Check;
            }
        }

        try
        {
            await Connect(ssh, cancellationToken);
        }
        catch
        {
            ssh.Dispose();
            sftp.Dispose();
            key.Dispose();
            throw;
        }

        return new SshShell(name, ssh, sftp, key, Connect);
    }

    public async Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        // The script (and its secrets) on stdin, not in the command sshd hands the login shell as an argument (which 'ps'
        // on the host shows): its length, then the script, read whole and run with stdin on /dev/null (nothing it runs can
        // swallow its rest). stdin then stays open: closed early (cancelled), the host stops the script (RemoteScript).
        using var ssh = _ssh.CreateCommand(RemoteScript.FromStdin);
        var running = ssh.ExecuteAsync(CancellationToken.None);
        var input = ssh.CreateInputStream();
        try
        {
            var exports = string.Concat((secrets ?? new Dictionary<string, string>()).Select(secret => $"{secret.Key}={Sh.Quote(secret.Value)}; export {secret.Key}\n"));
            var script = System.Text.Encoding.UTF8.GetBytes(exports + command);
            await input.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{script.Length}\n"), cancellationToken);
            await input.WriteAsync(script, cancellationToken);
            await input.FlushAsync(cancellationToken);
            await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await input.DisposeAsync();
            await running.WaitAsync(StopGrace).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        finally
        {
            await input.DisposeAsync();
        }

        var output = ssh.Result + ssh.Error;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            onLine?.Invoke(UrlCredentials.Redact(line));
        }

        return new CommandResult(Name, UrlCredentials.Redact(command), ssh.ExitStatus ?? -1, UrlCredentials.Redact(output));
    }

    public async Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken)
    {
        // Under a temporary name, then renamed: a reader (or a second controller) never sees half a file.
        var partial = $"{remotePath}.vclab-{Guid.NewGuid():N}";
        var (directory, target, temporary) = (Sh.Quote(Path.GetDirectoryName(remotePath)!), Sh.Quote(remotePath), Sh.Quote(partial));
        try
        {
            if (new FileInfo(localPath).Length <= SmallFile)
            {
                // A small file (a script) travels with one command: no SFTP session (a key exchange of its own) for it. Its
                // content goes as the command's secret (an environment variable of the script): never in a message.
                var content = new Dictionary<string, string> { ["VCLAB_FILE"] = Convert.ToBase64String(await File.ReadAllBytesAsync(localPath, cancellationToken)) };
                (await RunAsync($"mkdir -p -- {directory} && printf '%s' \"$VCLAB_FILE\" | base64 -d > {temporary} && mv -f -- {temporary} {target} || {{ rc=$?; rm -f -- {temporary}; exit $rc; }}", cancellationToken, secrets: content)).EnsureSuccess();
                return;
            }

            (await RunAsync($"mkdir -p -- {directory}", cancellationToken)).EnsureSuccess();
            await using (var input = File.OpenRead(localPath))
            {
                await ConnectSftpAsync(cancellationToken);
                await _sftp.UploadFileAsync(input, partial, cancellationToken);
            }

            (await RunAsync($"mv -f -- {temporary} {target}", cancellationToken)).EnsureSuccess();
        }
        catch (Exception exception) when (exception is OperationCanceledException or SshException or HostCommandException or IOException)
        {
            // Cancelled or broken half-way: the partial copy goes (whatever the caller's cancellation), then the error.
            await RunAsync($"rm -f -- {temporary}", CancellationToken.None);
            throw;
        }
    }

    public async Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
        await ConnectSftpAsync(cancellationToken);
        await using var output = File.Create(localPath);
        await _sftp.DownloadFileAsync(remotePath, output, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _sftp.Dispose();
        _ssh.Dispose();
        _key.Dispose();
        _sftpConnecting.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens the SFTP session once, for the first file moved (uploads may run side by side).</summary>
    private async Task ConnectSftpAsync(CancellationToken cancellationToken)
    {
        await _sftpConnecting.WaitAsync(cancellationToken);
        try
        {
            if (!_sftp.IsConnected)
            {
                await _connect(_sftp, cancellationToken);
            }
        }
        finally
        {
            _sftpConnecting.Release();
        }
    }
}
