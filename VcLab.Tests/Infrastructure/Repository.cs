namespace VcLab.Tests.Infrastructure;

/// <summary>This repository's folder (the one holding VcLab.sln), found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "VcLab.sln")))
            {
                root = root.Parent ?? throw new InvalidOperationException($"No VcLab.sln above {AppContext.BaseDirectory}.");
            }

            return root.FullName;
        }
    }
}
