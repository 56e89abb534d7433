using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;

namespace VcLab.Installer.Stages;

/// <summary>
/// Creates the tenant's VirtualCluster and follows its phase to Running (upstream's ClusterPending, ClusterRunning);
/// a Failed phase or a timeout names the tenant's control-plane pods that are not ready. The tenant's admin kubeconfig
/// is written to a 0600 file whose server works from this machine, and never logged. The tenant's own DNS
/// (<see cref="TenantDns"/>) answers before the stage calls it done.
/// </summary>
internal sealed class VirtualClusterStage(ITenantCreation tenants, ILogger<VirtualClusterStage> logger) : IInstallStage
{
    public string Name => StageNames.VirtualCluster;

    public IReadOnlyList<string> DependsOn => [StageNames.ClusterVersion];

    public string? SkipReason(InstallContext context) =>
        TenantStages.SkipReason(context) ?? (context.CheckMode ? $"check mode: VirtualCluster {context.Settings.Tenant.Name} would be created" : null);

    public TimeSpan Timeout(InstallContext context) => TimeSpan.FromSeconds(context.Settings.Tenant.TimeoutSeconds + 60);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var tenant = context.Settings.Tenant;
        var owner = Ownership.Of(context.Settings);
        if (await tenants.TakenAsync(tenant.Namespace, tenant.Name, owner, cancellationToken) is { } taken)
        {
            // validate said so already, unless the name was taken since or validate was not selected.
            throw new InvalidOperationException(taken);
        }

        var request = new TenantRequest(tenant.Namespace, tenant.Name, tenant.ClusterVersion, context.Settings.TenantKubeconfigPath, owner, tenant.CoreDnsImage);
        var (cluster, outcome, _) = await tenants.CreateAsync(request, TimeSpan.FromSeconds(tenant.TimeoutSeconds), cancellationToken);
        context.Publish(cluster);
        InstallerLog.TenantRunning(logger, $"{cluster.Namespace}/{cluster.Name}", cluster.ClusterNamespace, cluster.KubeconfigPath);
        return new StageResult(
            outcome != ApplyOutcome.Unchanged,
            $"VirtualCluster {cluster.Namespace}/{cluster.Name} Running (control plane in {cluster.ClusterNamespace}); its admin kubeconfig: {cluster.KubeconfigPath}");
    }
}
