using System.Diagnostics;

namespace VcLab.Tests.Infrastructure;

/// <summary>The installer's console program from its own build output, started as a user starts it.</summary>
internal static class InstallerProcess
{
    /// <summary>
    /// Starts <c>dotnet VcLab.Installer.dll ARGS</c> with its output redirected (read it, or it blocks), with SIGINT's default
    /// handling, as a terminal's foreground program has it: a test run started in the background inherits SIGINT ignored,
    /// and .NET then never sees a Ctrl+C (SIGINT) sent to it.
    /// </summary>
    public static Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(AssemblyPath());
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return Process.Start(start)!;
    }

    /// <summary>
    /// The installer from its own build output (the same configuration as this test): the copy in the test folder
    /// is resolved against the test's frameworks, not the installer's own.
    /// </summary>
    public static string AssemblyPath()
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput))!;
        var root = Path.GetFullPath(Path.Combine(testOutput, "..", "..", "..", ".."));
        var path = Path.Combine(root, "VcLab.Installer", "bin", configuration, Path.GetFileName(testOutput), "VcLab.Installer.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the installer first: {path} is missing.", path);
    }
}
