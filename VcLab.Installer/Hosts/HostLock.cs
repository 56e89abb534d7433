namespace VcLab.Installer.Hosts;

/// <summary>
/// run_once across controllers: a script wrapped here holds an exclusive flock on a file of the host it runs on, so
/// two installers working on the same build host or worker take turns, and the second finds the work done. A run that
/// has to wait says for whom (the holder writes who it is beside the lock); the wait is bounded by the stage's timeout
/// (a cancelled script is stopped on the host, see <see cref="RemoteScript"/>). A holder that is gone holds nothing: the
/// kernel releases a flock when the last process holding it ends.
/// </summary>
internal static class HostLock
{
    public static string Exclusive(string lockFile, string script)
    {
        var file = Sh.Quote(lockFile);
        var holder = Sh.Quote($"{lockFile}.holder");
        return $$"""
            exec 9>>{{file}} || { echo {{Sh.Quote($"cannot open the lock {lockFile}")}} >&2; exit 70; }
            if ! flock -n 9; then
              echo "vclab: waiting for the lock "{{file}}", held by $(cat {{holder}} 2>/dev/null || echo 'another run') (another installer run on this host, or one that is still stopping)" >&2
              flock 9 || { echo {{Sh.Quote($"cannot lock {lockFile}")}} >&2; exit 70; }
            fi
            echo "run $$ on $(hostname) since $(date -u +%Y-%m-%dT%H:%M:%SZ)" > {{holder}}
            {{script}}
            """;
    }
}
