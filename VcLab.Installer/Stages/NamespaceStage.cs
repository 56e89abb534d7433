using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// namespace.yml: writes namespace.yaml and applies it, marked as this install's. A namespace of that name that exists
/// without the mark is someone else's: it is used as it is, never labelled as the install's, and the uninstall leaves
/// it (and whatever else is in it) where it is.
/// </summary>
internal sealed class NamespaceStage(IObjectApplier applier, TimeProvider time, ILogger<NamespaceStage> logger) : IInstallStage
{
    public string Name => StageNames.Namespace;

    public IReadOnlyList<string> DependsOn => [StageNames.Validate];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var objects = new object[] { RoleManifests.Namespace(context.Settings) };
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.NamespaceFile, objects, logger, cancellationToken);
        var retry = ApiRetry.Pipeline(logger, time);
        var labels = await retry.ExecuteAsync(async token => await applier.LabelsAsync(objects[0], token), cancellationToken);
        var ownership = Ownership.Of(context.Settings);
        if (labels is not null && !ownership.Owns(labels))
        {
            return StageResult.Unchanged(
                $"namespace {context.Settings.VirtualCluster.Namespace} exists and was made by {Ownership.Maker(labels)}, not by this installer: " +
                "the components go into it as it is; uninstall removes only what this installer put there, never the namespace");
        }

        return await ApplyStep.ApplyAllAsync(applier, context, objects, time, logger, cancellationToken);
    }
}
