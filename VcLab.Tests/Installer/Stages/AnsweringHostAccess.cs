using VcLab.Installer.Hosts;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// A control plane and build host in memory that answer every command with what the test says: for a stage whose
/// decision depends on what a host prints (deploy-manager and the kubelet client certificate). The same stages run on
/// the lab's real hosts in the functional tests.
/// </summary>
internal sealed class AnsweringHostAccess(Func<string, string> answer) : IHostAccess
{
    public List<string> Commands { get; } = [];

    private string Answer(string command)
    {
        Commands.Add(command);
        return answer(command);
    }

    public string PrivateKeyPath => "/nonexistent/id_ecdsa";

    public string ControlPlaneAddress => "ansible@in-memory:22";

    public Task<IHostShell> BuildHostAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(new Shell(this));

    public Task<IHostShell> ControlPlaneAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(new Shell(this));

    private sealed class Shell(AnsweringHostAccess hosts) : IHostShell
    {
        public string Name => "in-memory";

        public Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null)
        {
            return Task.FromResult(new CommandResult(Name, command, 0, hosts.Answer(command)));
        }

        public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken) => throw new NotSupportedException("no files in memory");

        public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException("no files in memory");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
