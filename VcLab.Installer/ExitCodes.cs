namespace VcLab.Installer;

/// <summary>The installer's exit code for a run stopped part-way (its others: 0 done, 1 failed, 2 bad settings or arguments).</summary>
internal static class ExitCodes
{
    /// <summary>
    /// Stopped by Ctrl+C (SIGINT) or SIGTERM before it was done: 128 + 2, what a shell reports for a program SIGINT ended, so
    /// a script tells an interrupted run from a failed one. What the run left, and that a re-run finishes it, is said first.
    /// </summary>
    public const int Interrupted = 130;
}
