namespace VcLab.Installer.Hosts;

/// <summary>A finished command: exit code, and its output (the tail when long).</summary>
public sealed record CommandResult(string Host, string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The fields of the last line a script printed after <paramref name="marker"/> (stderr lines may come after it).</summary>
    public string[] MarkedFields(string marker) =>
        Output.Split('\n').LastOrDefault(line => line.StartsWith(marker, StringComparison.Ordinal))?[marker.Length..].Trim().Split(' ')
        ?? throw new HostCommandException($"On {Host}, '{Command}' printed no '{marker}' line. Output:{Environment.NewLine}{Output}");

    /// <summary>The output's last <paramref name="lines"/> lines, one per line.</summary>
    public string Tail(int lines) => string.Join(Environment.NewLine, Output.Split('\n').TakeLast(lines));

    /// <summary>
    /// Throws naming the host, the command and the exit code, with the output's last lines. A script of several lines
    /// comes last: the message's first line (what a console or a recap shows) says what its output said last.
    /// </summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            var tail = Tail(25);
            var killed = ExitCode == 137 ? " (137: killed with SIGKILL; was the host, or its container, stopped?)" : string.Empty;
            var last = Output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Length > 0) ?? "nothing";
            throw new HostCommandException(Command.Contains('\n', StringComparison.Ordinal)
                ? $"On {Host}, a script exited with {ExitCode}{killed}; the last it said: {last}. Last lines:{Environment.NewLine}{tail}{Environment.NewLine}The script:{Environment.NewLine}{Command}"
                : $"On {Host}, '{Command}' exited with {ExitCode}{killed}. Last lines:{Environment.NewLine}{tail}");
        }

        return this;
    }
}
