namespace VcLab.Hosting.Docker;

/// <summary>What a command run in a container returned.</summary>
public sealed record ExecResult(long ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command, exit code and error output when the command failed.</summary>
    public ExecResult EnsureSuccess(string container, IReadOnlyList<string> command)
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"'{string.Join(' ', command)}' in container {container} exited with {ExitCode}: {StandardError.Trim()} {StandardOutput.Trim()}".TrimEnd());
        }

        return this;
    }
}
