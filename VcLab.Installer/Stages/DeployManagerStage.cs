using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>deploy-manager.yml: writes all-in-one.yaml (vc-manager, vc-syncer, vn-agent) and applies it server-side.</summary>
public sealed class DeployManagerStage(ServerSideApplier applier, ILogger<DeployManagerStage> logger) : IInstallStage
{
    public string Name => StageNames.DeployManager;

    public IReadOnlyList<string> DependsOn => [StageNames.Crd, StageNames.DistributeToWorkers];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var objects = RoleManifests.AllInOne(context.Settings);
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.AllInOneFile, objects, logger, cancellationToken);
        return await ApplyStep.ApplyAllAsync(applier, context, objects, logger, cancellationToken);
    }
}
