namespace VcLab.Installer.Hosts;

/// <summary>
/// A host shell handed out by its owner for one use: disposing it leaves the connection open for the next stage, and
/// the owner closes it at the end of the run.
/// </summary>
internal sealed class SharedHostShell(IHostShell shell) : IHostShell
{
    public string Name => shell.Name;

    public Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null) =>
        shell.RunAsync(command, cancellationToken, onLine, secrets);

    public Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken) => shell.UploadAsync(localPath, remotePath, cancellationToken);

    public Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken) => shell.DownloadAsync(remotePath, localPath, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
