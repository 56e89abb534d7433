namespace VcLab.Installer.Hosts;

/// <summary>A machine the installer works on: run a shell command there, move files to and from it.</summary>
internal interface IHostShell : IAsyncDisposable
{
    /// <summary>How the host is named in logs and errors.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the shell script <paramref name="command"/>, streaming each output line to <paramref name="onLine"/>. The
    /// script never travels as a process argument (which any user's <c>ps</c> shows): in an environment variable or on
    /// stdin. <paramref name="secrets"/> become environment variables of the script, and appear in no message.
    /// </summary>
    Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? secrets = null);

    /// <summary>Copies a local file to the host.</summary>
    Task UploadAsync(string localPath, string remotePath, CancellationToken cancellationToken);

    /// <summary>Copies a file from the host to this machine.</summary>
    Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellationToken);
}
