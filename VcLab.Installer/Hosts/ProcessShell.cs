using System.Diagnostics;
using System.Text;

namespace VcLab.Installer.Hosts;

/// <summary>
/// A host reached by starting a local process: this machine itself (<c>localhost</c>), or a container through
/// <c>docker exec</c> (<c>docker://NAME</c>, like Ansible's docker connection).
/// </summary>
internal sealed class ProcessShell : IHostShell
{
    private const int TailLines = 200;
    private const string ScriptVariable = RemoteScript.Variable;
    private const string EvalScript = $"eval \"${ScriptVariable}\"";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private readonly string? _container;

    private ProcessShell(string name, string? container)
    {
        Name = name;
        _container = container;
    }

    public string Name { get; }

    public static ProcessShell Local() => new("localhost", container: null);

    public static ProcessShell DockerContainer(string container) => new($"docker://{container}", container);

    public async Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        // The script travels in an environment variable (docker exec -e NAME takes it from ours), not as an argument:
        // what it holds, a repository URL with a token say, is then in no process list (/proc/*/cmdline is world-readable).
        var environment = new Dictionary<string, string>(secrets ?? new Dictionary<string, string>()) { [ScriptVariable] = command };
        List<string> arguments = _container is null
            ? ["-c", EvalScript]
            : ["exec", "-i", .. environment.Keys.SelectMany(name => new[] { "-e", name }), _container, "sh", "-c", RemoteScript.Bootstrap];
        var (exitCode, output) = await StartAsync(_container is null ? "/bin/sh" : "docker", arguments, environment, RedactedLines(onLine), cancellationToken);
        return new CommandResult(Name, UrlCredentials.Redact(command), exitCode, UrlCredentials.Redact(output));
    }

    public async Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken)
    {
        if (_container is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(remotePath)!);
            File.Copy(localPath, remotePath, overwrite: true);
            return;
        }

        (await RunAsync($"mkdir -p -- {Sh.Quote(Path.GetDirectoryName(remotePath)!)}", cancellationToken)).EnsureSuccess();
        await CopyAsync(localPath, $"{_container}:{remotePath}", cancellationToken);
    }

    public async Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
        if (_container is null)
        {
            File.Copy(remotePath, localPath, overwrite: true);
            return;
        }

        await CopyAsync($"{_container}:{remotePath}", localPath, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await StartAsync("docker", ["cp", source, target], environment: null, onLine: null, cancellationToken);
        if (exitCode != 0)
        {
            throw new HostCommandException($"On {Name}, copying {source} to {target} failed ({exitCode}): {output.Trim()}");
        }
    }

    private static Action<string>? RedactedLines(Action<string>? onLine) =>
        onLine is null ? null : line => onLine(UrlCredentials.Redact(line));

    private static async Task<(int ExitCode, string Output)> StartAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, Action<string>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new HostCommandException($"Could not start {program}.");
        // A container's script watches this stdin (RemoteScript): it is closed when the command is done, or to stop it.
        var remote = program == "docker" && environment is not null;
        if (!remote)
        {
            process.StandardInput.Close();
        }

        var lines = new Queue<string>();
        var gate = new Lock();
        void Receive(object _, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            onLine?.Invoke(line.Data);
            lock (gate)
            {
                lines.Enqueue(line.Data);
                if (lines.Count > TailLines)
                {
                    lines.Dequeue();
                }
            }
        }

        process.OutputDataReceived += Receive;
        process.ErrorDataReceived += Receive;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (remote)
            {
                // Its stdin closed, the container's watcher stops the script's process group; the client ends with it.
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(StopGrace);
                await process.WaitForExitAsync(grace.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }
        finally
        {
            if (remote && !process.HasExited)
            {
                process.StandardInput.Close();
            }
        }

        lock (gate)
        {
            return (process.ExitCode, new StringBuilder().AppendJoin('\n', lines).ToString());
        }
    }
}
