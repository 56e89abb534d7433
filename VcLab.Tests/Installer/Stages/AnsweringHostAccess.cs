using VcLab.Installer.Hosts;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// A control plane and build host in memory that answer every command with what the test says (an exit code and what
/// it printed): for a stage whose decision depends on what a host prints (deploy-manager and the kubelet client
/// certificate, distribute-to-workers and each worker's outcome). Uploads are kept as text by their remote path. The
/// same stages run on the lab's real hosts in the functional tests.
/// </summary>
internal sealed class AnsweringHostAccess(Func<string, (int ExitCode, string Output)> answer) : IHostAccess
{
    private readonly Lock _lock = new();
    private readonly List<string> _commands = [];
    private readonly Dictionary<string, string> _uploads = [];

    /// <summary>Every command succeeds and prints what <paramref name="answer"/> gives.</summary>
    public AnsweringHostAccess(Func<string, string> answer)
        : this(command => (0, answer(command)))
    {
    }

    /// <summary>The commands run so far, in the order they were run.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The files uploaded so far: remote path to text.</summary>
    public IReadOnlyDictionary<string, string> Uploads
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_uploads);
            }
        }
    }

    public string PrivateKeyPath => "/nonexistent/id_ecdsa";

    public string ControlPlaneAddress => "ansible@in-memory:22";

    public Task<IHostShell> BuildHostAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(new Shell(this));

    public Task<IHostShell> ControlPlaneAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(new Shell(this));

    private CommandResult Answer(string host, string command)
    {
        lock (_lock)
        {
            _commands.Add(command);
        }

        var (exitCode, output) = answer(command);
        return new CommandResult(host, command, exitCode, output);
    }

    private sealed class Shell(AnsweringHostAccess hosts) : IHostShell
    {
        public string Name => "in-memory";

        public Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null) =>
            Task.FromResult(hosts.Answer(Name, command));

        public async Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken)
        {
            var text = await File.ReadAllTextAsync(localPath, cancellationToken);
            lock (hosts._lock)
            {
                hosts._uploads[remotePath] = text;
            }
        }

        public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException("no files to download in memory");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
