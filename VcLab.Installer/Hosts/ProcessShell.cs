namespace VcLab.Installer.Hosts;

/// <summary>
/// A host reached by starting a local process: this machine itself (<c>localhost</c>), or a container through
/// <c>docker exec</c> (<c>docker://NAME</c>, like Ansible's docker connection).
/// </summary>
internal sealed class ProcessShell : IHostShell
{
    private const string ScriptVariable = RemoteScript.Variable;
    private const string EvalScript = $"eval \"${ScriptVariable}\"";
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
        // A container's script (RemoteScript) is stopped by closing its standard input: docker exec does not pass a signal on.
        var result = await LocalProcess.RunAsync(
            _container is null ? "/bin/sh" : "docker", arguments, cancellationToken, onLine: RedactedLines(onLine), environment: environment, standardInputStopsIt: _container is not null);
        return new CommandResult(Name, UrlCredentials.Redact(command), result.ExitCode, UrlCredentials.Redact(result.Output));
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
        var result = await LocalProcess.RunAsync("docker", ["cp", source, target], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new HostCommandException($"On {Name}, copying {source} to {target} failed ({result.ExitCode}): {result.Output.Trim()}");
        }
    }

    private static Action<string>? RedactedLines(Action<string>? onLine) =>
        onLine is null ? null : line => onLine(UrlCredentials.Redact(line));
}
