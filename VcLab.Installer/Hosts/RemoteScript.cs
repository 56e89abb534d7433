namespace VcLab.Installer.Hosts;

/// <summary>
/// How a script runs on a host reached through a client process or connection (docker exec, SSH), so that stopping the
/// client stops the script: the script (in <c>$VCLAB_SCRIPT</c>) runs in a session of its own, and a watcher waits for the
/// client's stdin to close; if it closes before the script ends (the installer was cancelled: Ctrl+C, a stage's timeout),
/// the watcher stops every process of the script's session (make, go, copies; <c>timeout</c> puts its command in a process
/// group of its own, so a group is not enough), which releases the locks they hold. (The watcher reads a copy of stdin,
/// fd 3: a shell without job control gives a background command /dev/null. It is left to end by itself: once the script
/// is done and the client lets go, its session is empty and the watcher finds nothing to stop.) Without
/// <c>setsid</c> on the host the script runs as it is.
/// </summary>
internal static class RemoteScript
{
    public const string Variable = "VCLAB_SCRIPT";

    /// <summary>The shell program that runs <c>$VCLAB_SCRIPT</c> under the watcher; its exit code is the script's.</summary>
    public const string Bootstrap = """
        if command -v setsid >/dev/null 2>&1; then
          exec 3<&0
          setsid sh -c 'eval "$VCLAB_SCRIPT"' </dev/null 3<&- & job=$!
          signal_session() { found=1; for p in /proc/[0-9]*; do [ "$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -d' ' -f4)" = "$job" ] && kill "-$1" "${p#/proc/}" 2>/dev/null && found=0; done; return $found; }
          { cat <&3 >/dev/null 2>&1; signal_session TERM && { sleep 5; signal_session KILL; }; } >/dev/null 2>&1 &
          exec 3<&-
          wait $job; exit $?
        fi
        eval "$VCLAB_SCRIPT" </dev/null
        """;

    /// <summary>
    /// For a host that receives the script on stdin (SSH: sshd passes the command line to the login shell, which any user's
    /// <c>ps</c> shows): its length in bytes on the first line, then the script; stdin stays open as the watcher's line.
    /// </summary>
    public static string FromStdin => $"sh -c {Sh.Quote($"IFS= read -r n; {Variable}=$(head -c \"$n\"); export {Variable}; {Bootstrap}")}";
}
