namespace VcLab.Hosting.Aspire;

/// <summary>
/// A line on the AppHost's console for what a person waits for while the lab comes up (the dashboard has the detail):
/// each phase of the super cluster, a tenant ready with its kubeconfig, what Ctrl+C removes.
/// </summary>
internal static class LabConsole
{
    /// <summary>A step that takes longer than this is shown on the console as it goes, not only in the dashboard.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);

    public static void Say(string line) => Console.WriteLine($"vclab: {line}");
}
