using VcLab.Installer.Options;

namespace VcLab.Installer.Source;

/// <summary>Where the VirtualCluster source and its Go modules come from: the upstream URLs, or an offline folder.</summary>
internal static class UpstreamSource
{
    public const string DefaultRepository = "https://github.com/kubernetes-retired/cluster-api-provider-nested";
    public const string BundleFile = "cluster-api-provider-nested.bundle";
    public const string VendorTarball = "virtualcluster-vendor.tar.gz";
    public const string ChecksumsFile = "SHA256SUMS";

    /// <summary>The offline folder, without a trailing slash, or null when the upstream URLs are used.</summary>
    public static string? OfflineDir(BuildOptions build) =>
        string.IsNullOrWhiteSpace(build.OfflineUpstreamDir) ? null : build.OfflineUpstreamDir.TrimEnd('/');

    /// <summary>What download-source clones: the offline bundle when the repository is the role's default, else the repository.</summary>
    public static string CloneSource(BuildOptions build) =>
        OfflineDir(build) is { } dir && build.SourceRepo == DefaultRepository ? $"{dir}/{BundleFile}" : build.SourceRepo;
}
