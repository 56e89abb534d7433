namespace VcLab.Hosting;

/// <summary>
/// The offline upstream folder the lab builds from where GitHub and the Go module proxy cannot be reached: the
/// VirtualCluster bundle and vendor tarball (and CoreDNS's sources). Named by <c>VCLAB_UPSTREAM_DIR</c> (the README's
/// commands and CI set it to <c>../shared/upstream</c> when that exists); unset, the upstream URLs are used.
/// </summary>
public static class LabUpstream
{
    public const string EnvironmentVariable = "VCLAB_UPSTREAM_DIR";
    public const string BundleFile = "cluster-api-provider-nested.bundle";

    /// <summary>The folder named by the environment, or null.</summary>
    public static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir ? dir : null;

    /// <summary>The folder as a full path, or an error naming the setting when it is not an upstream folder.</summary>
    public static string Check(string dir)
    {
        var full = Path.GetFullPath(dir);
        return File.Exists(Path.Combine(full, BundleFile))
            ? full
            : throw new DirectoryNotFoundException(
                $"{EnvironmentVariable} is '{dir}', which holds no {BundleFile}. Point it at the offline upstream folder " +
                $"(e.g. ../shared/upstream), or unset it to build from the upstream URLs.");
    }
}
