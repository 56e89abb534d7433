using Microsoft.Extensions.Logging;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting;

/// <summary>Every log message of the lab's parts, in one catalogue.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Information, "[{Tag}] {Line}")]
    public static partial void BuildOutput(ILogger logger, string tag, string line);

    [LoggerMessage(2, LogLevel.Information, "Pulling {Reference} failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string reference, string reason);

    [LoggerMessage(3, LogLevel.Information, "Image {Reference} is up to date (cache hit)")]
    public static partial void ImageCacheHit(ILogger logger, string reference);

    [LoggerMessage(4, LogLevel.Information, "Building image {Reference} (inputs changed or first build)")]
    public static partial void ImageBuilding(ILogger logger, string reference);

    [LoggerMessage(5, LogLevel.Information, "Image {Reference} built in {Seconds:F1} s")]
    public static partial void ImageBuilt(ILogger logger, string reference, double seconds);

    [LoggerMessage(35, LogLevel.Information, "Still building image {Reference}: {Minutes} min {Seconds} s so far{Compiled}")]
    public static partial void ImageStillBuilding(ILogger logger, string reference, int minutes, int seconds, string compiled);

    [LoggerMessage(6, LogLevel.Information, "Base image {Reference} found in the engine")]
    public static partial void BaseImagePresent(ILogger logger, string reference);

    [LoggerMessage(7, LogLevel.Information, "Base image {Reference} pulled from a registry")]
    public static partial void BaseImagePulled(ILogger logger, string reference);

    [LoggerMessage(8, LogLevel.Information, "No registry gave {Reference}: building it from the host's apt sources ({Sources}) with mmdebstrap")]
    public static partial void BaseImageBootstrapping(ILogger logger, string reference, string sources);

    [LoggerMessage(9, LogLevel.Information, "Base image {Reference} built from a Debian root filesystem in {Seconds:F1} s")]
    public static partial void BaseImageBootstrapped(ILogger logger, string reference, double seconds);

    [LoggerMessage(20, LogLevel.Information, "Super cluster {Name}: {Phase}")]
    public static partial void ClusterPhase(ILogger logger, string name, string phase);

    [LoggerMessage(21, LogLevel.Information, "Super cluster {Name} deleted ({Nodes} node containers removed)")]
    public static partial void ClusterDeleted(ILogger logger, string name, int nodes);

    [LoggerMessage(22, LogLevel.Warning, "Could not remove cgroup {Path}: {Reason}")]
    public static partial void CgroupNotRemoved(ILogger logger, string path, string reason);

    [LoggerMessage(23, LogLevel.Information, "Super cluster {Name} ready in {Seconds:F1} s: {Nodes} nodes, API {ApiServer}, kubeconfig {KubeconfigPath}")]
    public static partial void ClusterReady(ILogger logger, string name, double seconds, int nodes, Uri apiServer, string kubeconfigPath);

    [LoggerMessage(24, LogLevel.Information, "Super cluster {Name} runs on {Distribution}: {Reason}")]
    public static partial void ClusterDistribution(ILogger logger, string name, ClusterDistribution distribution, string reason);

    [LoggerMessage(30, LogLevel.Error, "{Resource} could not be started: {Reason}")]
    public static partial void ResourceFailed(ILogger logger, Exception exception, string resource, string reason);

    [LoggerMessage(31, LogLevel.Information, "Tenant cluster {Tenant} is Running. Its kubeconfig: {KubeconfigPath} (e.g. kubectl --kubeconfig {KubeconfigPath} get ns)")]
    public static partial void TenantReady(ILogger logger, string tenant, string kubeconfigPath);

    [LoggerMessage(32, LogLevel.Information, "Super cluster {Name} re-attached in {Seconds:F1} s: {Nodes} nodes, API {ApiServer}")]
    public static partial void ClusterReattached(ILogger logger, string name, double seconds, int nodes, Uri apiServer);

    [LoggerMessage(33, LogLevel.Information, "Super cluster {Name} cannot be re-attached ({Reason}): it is created anew")]
    public static partial void ClusterNotReattached(ILogger logger, string name, string reason);

    [LoggerMessage(34, LogLevel.Warning, "{Path} was left in place: it has no {Marker}, so VcLab did not make it (or made it before it marked its folders); remove it yourself if it is yours to remove")]
    public static partial void StateFolderNotOwned(ILogger logger, string path, string marker);

    [LoggerMessage(36, LogLevel.Information, "The demo page of tenant {Tenant} answers at {Address}")]
    public static partial void DemoReady(ILogger logger, string tenant, Uri address);

    [LoggerMessage(37, LogLevel.Error, "The demo page of tenant {Tenant} could not be deployed: {Reason}")]
    public static partial void DemoFailed(ILogger logger, Exception exception, string tenant, string reason);
}
