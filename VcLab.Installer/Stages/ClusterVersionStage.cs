using VcLab.Installer.Kubernetes;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;

namespace VcLab.Installer.Stages;

/// <summary>
/// A ClusterVersion matching the super cluster, as the role's later versions write it: the tenant control plane's
/// images from the settings, else from the super cluster's own control-plane pods (kubeadm's static pods).
/// </summary>
internal sealed class ClusterVersionStage(VirtualClusters tenants, ILogger<ClusterVersionStage> logger) : IInstallStage
{
    public const string File = "clusterversion.yaml";

    public string Name => StageNames.ClusterVersion;

    public IReadOnlyList<string> DependsOn => [StageNames.Verify];

    public string? SkipReason(InstallContext context) => TenantStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var tenant = context.Settings.Tenant;
        var detected = tenant is { EtcdImage: not null, ApiServerImage: not null, ControllerManagerImage: not null }
            ? null
            : await tenants.DetectImagesAsync(cancellationToken);
        var etcd = tenant.EtcdImage ?? detected?.Etcd;
        var apiServer = tenant.ApiServerImage ?? detected?.ApiServer;
        var controllerManager = tenant.ControllerManagerImage ?? detected?.ControllerManager;
        if (etcd is null || apiServer is null || controllerManager is null)
        {
            throw new ProblemsException(
                "The super cluster has no kubeadm control-plane pods to take the tenant's images from (kube-system, tier=control-plane)",
                [.. new[] { ("VirtualCluster:Tenant:EtcdImage", etcd), ("VirtualCluster:Tenant:ApiServerImage", apiServer), ("VirtualCluster:Tenant:ControllerManagerImage", controllerManager) }
                    .Where(setting => setting.Item2 is null)
                    .Select(setting => $"set {setting.Item1}")]);
        }

        var images = new TenantImages(etcd, apiServer, controllerManager);
        var manifest = ClusterVersionManifest.Create(tenant.ClusterVersion, images, Ownership.Of(context.Settings));
        var path = Path.Combine(Options.InstallerSettings.ExpandHome(context.Settings.VirtualCluster.ConfigDir), File);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await System.IO.File.WriteAllTextAsync(path, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        InstallerLog.ManifestWritten(logger, path);
        var outcome = await tenants.ApplyClusterVersionAsync(manifest, context.Settings.VirtualCluster.FieldManager, context.CheckMode, cancellationToken);
        InstallerLog.Applied(logger, "ClusterVersion", tenant.ClusterVersion, outcome.ToString());
        var source = detected is null ? "from the settings" : "from the super cluster's control-plane pods";
        return new StageResult(outcome != Kubernetes.ApplyOutcome.Unchanged, $"ClusterVersion {tenant.ClusterVersion} {outcome.ToString().ToLowerInvariant()}: etcd {etcd}, kube-apiserver {apiServer}, kube-controller-manager {controllerManager} ({source})");
    }
}
