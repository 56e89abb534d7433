namespace VcLab.Installer.Hosts;

/// <summary>
/// run_once across controllers: a script wrapped here holds an exclusive flock on a file of the host it runs on, so
/// two installers working on the same build host or worker take turns, and the second finds the work done.
/// </summary>
internal static class HostLock
{
    public static string Exclusive(string lockFile, string script) =>
        $"exec 9>{Sh.Quote(lockFile)} && flock 9 || {{ echo {Sh.Quote($"cannot lock {lockFile}")} >&2; exit 70; }}\n{script}";
}
