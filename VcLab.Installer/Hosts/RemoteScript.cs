namespace VcLab.Installer.Hosts;

/// <summary>
/// How a script runs on a host reached through a client process or connection (docker exec, SSH), so that stopping the
/// client stops the script: the script (in <c>$VCLAB_SCRIPT</c>) runs in a session of its own, and a watcher waits for the
/// client's stdin to close; if it closes before the script ends (the installer was cancelled: Ctrl+C, a stage's timeout),
/// the watcher stops the script's whole process group (make, go, copies), which releases the locks it holds. Without
/// <c>setsid</c> on the host the script runs as it is.
/// </summary>
internal static class RemoteScript
{
    public const string Variable = "VCLAB_SCRIPT";

    /// <summary>The shell program that runs <c>$VCLAB_SCRIPT</c> under the watcher; its exit code is the script's.</summary>
    public const string Bootstrap = """
        if command -v setsid >/dev/null 2>&1; then
          setsid sh -c 'eval "$VCLAB_SCRIPT"' </dev/null & job=$!
          { cat >/dev/null 2>&1; kill -TERM -- -$job 2>/dev/null && { sleep 5; kill -KILL -- -$job 2>/dev/null; }; } >/dev/null 2>&1 & watcher=$!
          wait $job; status=$?
          kill $watcher 2>/dev/null
          exit $status
        fi
        eval "$VCLAB_SCRIPT" </dev/null
        """;

    /// <summary>
    /// For a host that receives the script on stdin (SSH: sshd passes the command line to the login shell, which any user's
    /// <c>ps</c> shows): its length in bytes on the first line, then the script; stdin stays open as the watcher's line.
    /// </summary>
    public static string FromStdin => $"sh -c {Sh.Quote($"IFS= read -r n; {Variable}=$(head -c \"$n\"); export {Variable}; {Bootstrap}")}";
}
