using VcLab.Hosting.Docker;

namespace VcLab.Hosting.Images;

/// <summary>
/// CoreDNS v1.10.1, the cluster DNS kubeadm deploys, built once per machine (keyed by its inputs): offline from the
/// upstream folder's <c>coredns/</c> files (source, plugin patch, vendored modules), online from the upstream tag. Either
/// way with <c>tenant-service-ip.sh</c>: a Service whose annotation names its super-cluster ClusterIP (VirtualCluster's
/// syncer writes it) is answered with that address, so a tenant's pods reach its Services by name.
/// </summary>
internal static class CoreDnsImages
{
    public const string Version = "1.10.1";

    private const string ServiceIpScript = "tenant-service-ip.sh";

    private static readonly LabImage Offline = new("vclab/coredns", "coredns");

    private static readonly string[] OfflineFiles = ["coredns-v1.10.1.src.tar.gz", "coredns-v1.10.1-k8s-plugins.patch", "coredns-v1.10.1-vendor.tar.gz"];

    /// <summary>The image to build: from <paramref name="upstreamDir"/>'s coredns/ folder, or from the upstream tag when it is null.</summary>
    public static LabImage For(string? upstreamDir)
    {
        if (upstreamDir is null)
        {
            return new LabImage("vclab/coredns", "coredns-online") { ExtraFiles = new Dictionary<string, string> { [ServiceIpScript] = Path.Combine(Offline.ContextDirectory, ServiceIpScript) } };
        }

        var folder = Path.Combine(upstreamDir, "coredns");
        var missing = OfflineFiles.Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        return missing.Count > 0
            ? throw new FileNotFoundException(
                $"The offline upstream folder ({LabUpstream.EnvironmentVariable}) has no CoreDNS sources: {string.Join(", ", missing.Select(file => Path.Combine(folder, file)))} missing. " +
                "Copy the folder again, or unset the variable to build CoreDNS from its upstream tag.")
            : Offline with { ExtraFiles = OfflineFiles.ToDictionary(file => file, file => Path.Combine(folder, file)) };
    }

    /// <summary>
    /// Builds (or finds) the image for <paramref name="upstreamDir"/>; an online build on a machine that reaches no
    /// network fails with what to set instead of git's "Could not resolve host" deep in the build's output.
    /// </summary>
    public static async Task<string> EnsureAsync(LabImageBuilder builder, string? upstreamDir, CancellationToken cancellationToken)
    {
        try
        {
            return await builder.EnsureAsync(For(upstreamDir), cancellationToken);
        }
        catch (ImageBuildException exception) when (upstreamDir is null && Unreachable(exception) is { } line)
        {
            throw CannotFetch(exception, line);
        }
    }

    /// <summary>The build output's line saying a host could not be reached, or null.</summary>
    private static string? Unreachable(ImageBuildException exception) =>
        exception.OutputTail.FirstOrDefault(line => line.Contains("Could not resolve host", StringComparison.Ordinal) || line.Contains("Failed to connect to", StringComparison.Ordinal));

    private static InvalidOperationException CannotFetch(ImageBuildException exception, string line) => new(
        $"CoreDNS {Version} is built from its source, fetched from GitHub because no offline upstream folder is named, and this " +
        $"machine cannot reach it ({line.Trim()}). Offline, set {LabUpstream.EnvironmentVariable} to the folder with the upstream " +
        "sources (with its coredns/ files; the README's \"The two commands\" says how), then run again.",
        exception);
}
