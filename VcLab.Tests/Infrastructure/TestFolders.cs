using System.Collections.Concurrent;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// The tests' temporary folders (config folders, vars files, and the tars a test's installer caches, hundreds of MB
/// each), removed when the test run ends: left behind, one run's tar folders filled about 16 GB of /tmp, and a few runs
/// filled the disk until the lab's kubelets tainted their nodes with disk pressure.
/// </summary>
internal static class TestFolders
{
    private static readonly ConcurrentBag<string> Made = [];

    static TestFolders() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        Made.Add(folder);
        return folder;
    }

    private static void RemoveAll()
    {
        foreach (var folder in Made)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone already, or held: the run is ending either way.
            }
        }
    }
}
