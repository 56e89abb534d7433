namespace VcLab.Hosting.Processes;

/// <summary>A finished program: its exit code and the last lines it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, IReadOnlyList<string> OutputTail)
{
    public bool Succeeded => ExitCode == 0;
}
