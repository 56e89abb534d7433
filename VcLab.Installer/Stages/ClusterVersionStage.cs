using VcLab.Installer.Kubernetes;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;

namespace VcLab.Installer.Stages;

/// <summary>
/// A ClusterVersion matching the super cluster, as the role's later versions write it: the tenant control plane's
/// images from the settings, else from the super cluster's own control-plane pods (kubeadm's static pods).
/// </summary>
internal sealed class ClusterVersionStage(IClusterVersions clusterVersions, ILogger<ClusterVersionStage> logger) : IInstallStage
{
    public const string File = "clusterversion.yaml";

    public string Name => StageNames.ClusterVersion;

    public IReadOnlyList<string> DependsOn => [StageNames.Verify];

    public string? SkipReason(InstallContext context) => TenantStages.SkipReason(context);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var tenant = context.Settings.Tenant;
        var (images, detected) = await clusterVersions.ImagesForAsync(tenant, cancellationToken);
        var (etcd, apiServer, controllerManager) = (images.Etcd, images.ApiServer, images.ControllerManager);
        var manifest = ClusterVersionManifest.Create(tenant.ClusterVersion, images, Ownership.Of(context.Settings), tenant.ApiServerRuntimeConfig);
        var path = Path.Combine(Options.InstallerSettings.ExpandHome(context.Settings.VirtualCluster.ConfigDir), File);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await System.IO.File.WriteAllTextAsync(path, System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(manifest))!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        InstallerLog.ManifestWritten(logger, path);
        var outcome = await clusterVersions.ApplyAsync(manifest, context.Settings.VirtualCluster.FieldManager, context.CheckMode, cancellationToken);
        InstallerLog.Applied(logger, "ClusterVersion", tenant.ClusterVersion, outcome.ToString());
        var source = detected ? "from the super cluster's control-plane pods" : "from the settings";
        return new StageResult(outcome != Kubernetes.ApplyOutcome.Unchanged, $"ClusterVersion {tenant.ClusterVersion} {outcome.ToString().ToLowerInvariant()}: etcd {etcd}, kube-apiserver {apiServer}, kube-controller-manager {controllerManager} ({source})");
    }
}
