using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>Applies a list of objects (each retried while the API is briefly away) and sums up what changed, for the stages that apply manifests.</summary>
internal static class ApplyStep
{
    public static async Task<StageResult> ApplyAllAsync(
        IObjectApplier applier, InstallContext context, IEnumerable<object> objects, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var outcomes = new List<ApplyOutcome>();
        var retry = ApiRetry.Pipeline(logger, time);
        // Everything applied carries the install's mark: the uninstall deletes by it, and nothing without it.
        foreach (var item in OwnershipLabels.Stamp(objects, Ownership.Of(context.Settings)))
        {
            var outcome = await retry.ExecuteAsync(
                async token => await applier.ApplyAsync(item, context.Settings.VirtualCluster.FieldManager, context.CheckMode, token), cancellationToken);
            InstallerLog.Applied(logger, ((k8s.IKubernetesObject)item).Kind, ServerSideApplier.Describe(item), context.CheckMode ? $"{outcome} (check mode)" : outcome.ToString());
            outcomes.Add(outcome);
        }

        var changed = outcomes.Count(outcome => outcome != ApplyOutcome.Unchanged);
        var summary = $"{outcomes.Count} objects: {outcomes.Count(o => o == ApplyOutcome.Created)} created, " +
                      $"{outcomes.Count(o => o == ApplyOutcome.Configured)} configured, {outcomes.Count(o => o == ApplyOutcome.Unchanged)} unchanged" +
                      (context.CheckMode ? " (check mode: nothing was changed)" : string.Empty);
        return new StageResult(changed > 0, summary);
    }
}
