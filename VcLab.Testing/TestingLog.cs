using Microsoft.Extensions.Logging;

namespace VcLab.Testing;

/// <summary>The test fixture's log messages.</summary>
internal static partial class TestingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "VirtualCluster installed into the lab {Cluster}:\n{Recap}")]
    public static partial void Installed(ILogger logger, string cluster, string recap);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Tenant {Tenant} is Running after {Seconds:F1} s ({Phases}); its kubeconfig: {KubeconfigPath}")]
    public static partial void TenantCreated(ILogger logger, string tenant, double seconds, string phases, string kubeconfigPath);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Tenant {Tenant} deleted in {Seconds:F1} s (its namespaces gone)")]
    public static partial void TenantDeleted(ILogger logger, string tenant, double seconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Tenant {Tenant} was gone already (the test deleted it, or an uninstall did): nothing to delete")]
    public static partial void TenantAlreadyGone(ILogger logger, string tenant);
}
