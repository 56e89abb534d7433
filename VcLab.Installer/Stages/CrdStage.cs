using k8s.Models;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Stages;

/// <summary>
/// crd.yml: writes and applies the ClusterVersion and VirtualCluster CRDs, then waits until both are Established.
/// A CRD of the same name that is not compatible (another scope or kind, or no v1alpha1) is an error, not overwritten.
/// </summary>
internal sealed class CrdStage(IClusterState cluster, IObjectApplier applier, TimeProvider time, ILogger<CrdStage> logger) : IInstallStage
{
    private static readonly TimeSpan EstablishTimeout = TimeSpan.FromSeconds(60);

    public string Name => StageNames.Crd;

    public IReadOnlyList<string> DependsOn => [StageNames.Namespace];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var definitions = new[] { CustomResourceDefinitions.ClusterVersion(), CustomResourceDefinitions.VirtualCluster() };
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.ClusterVersionCrdFile, [definitions[0]], logger, cancellationToken);
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.VirtualClusterCrdFile, [definitions[1]], logger, cancellationToken);

        var problems = new List<string>();
        foreach (var definition in definitions)
        {
            problems.AddRange(await IncompatibilitiesAsync(definition, cancellationToken));
        }

        if (problems.Count > 0)
        {
            throw new ProblemsException("CRDs already present are not compatible; remove them (kubectl delete crd NAME) or install into another cluster", problems);
        }

        var result = await ApplyStep.ApplyAllAsync(applier, context, definitions, time, logger, cancellationToken);
        if (!context.CheckMode)
        {
            foreach (var definition in definitions)
            {
                await WaitEstablishedAsync(definition.Metadata.Name, cancellationToken);
            }
        }

        return result;
    }

    private async Task<IEnumerable<string>> IncompatibilitiesAsync(V1CustomResourceDefinition wanted, CancellationToken cancellationToken)
    {
        return await cluster.CustomResourceDefinitionAsync(wanted.Metadata.Name, cancellationToken) is { } existing ? Incompatibilities(existing, wanted) : [];
    }

    /// <summary>What makes a CRD already on the cluster unfit to be taken over: another scope or kind, or no v1alpha1.</summary>
    internal static IReadOnlyList<string> Incompatibilities(V1CustomResourceDefinition existing, V1CustomResourceDefinition wanted)
    {
        var name = wanted.Metadata.Name;
        var problems = new List<string>();
        if (existing.Spec.Scope != wanted.Spec.Scope)
        {
            problems.Add($"CRD {name} is {existing.Spec.Scope}-scoped; VirtualCluster needs it {wanted.Spec.Scope}-scoped.");
        }

        if (existing.Spec.Names.Kind != wanted.Spec.Names.Kind)
        {
            problems.Add($"CRD {name} has kind {existing.Spec.Names.Kind}; VirtualCluster needs {wanted.Spec.Names.Kind}.");
        }

        if (!existing.Spec.Versions.Any(version => version.Name == "v1alpha1"))
        {
            problems.Add($"CRD {name} serves {string.Join(", ", existing.Spec.Versions.Select(version => version.Name))} but not v1alpha1.");
        }

        return problems;
    }

    private async Task WaitEstablishedAsync(string name, CancellationToken cancellationToken) =>
        await Wait.UntilAsync($"CRD {name} is Established", async token =>
        {
            var crd = await cluster.CustomResourceDefinitionAsync(name, token);
            return crd is not null && CustomResourceDefinitions.IsEstablished(crd)
                ? Wait.Probe.Ready("Established")
                : Wait.Probe.Waiting(crd is null ? "not there" : string.Join("; ", crd.Status?.Conditions?.Select(condition => $"{condition.Type}={condition.Status} {condition.Message}") ?? ["no conditions"]));
        }, EstablishTimeout, TimeSpan.FromMilliseconds(500), time, cancellationToken);
}
