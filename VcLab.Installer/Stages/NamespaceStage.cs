using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>namespace.yml: writes namespace.yaml and applies it.</summary>
internal sealed class NamespaceStage(IObjectApplier applier, ILogger<NamespaceStage> logger) : IInstallStage
{
    public string Name => StageNames.Namespace;

    public IReadOnlyList<string> DependsOn => [StageNames.Validate];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var objects = new object[] { RoleManifests.Namespace(context.Settings) };
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.NamespaceFile, objects, logger, cancellationToken);
        return await ApplyStep.ApplyAllAsync(applier, context, objects, logger, cancellationToken);
    }
}
