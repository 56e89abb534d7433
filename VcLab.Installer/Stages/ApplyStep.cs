using k8s.Models;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// Applies a list of objects (each retried while the API is briefly away) and sums up what changed, for the stages that
/// apply manifests. The objects are applied at once in two waves: first what workloads use (accounts, secrets, roles),
/// then the workloads, so that a pod is never created before its service account or secret exists. Each object is
/// reported in the list's order.
/// </summary>
internal static class ApplyStep
{
    public static async Task<StageResult> ApplyAllAsync(
        IObjectApplier applier, InstallContext context, IEnumerable<object> objects, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var retry = ApiRetry.Pipeline(logger, time);
        // Everything applied carries the install's mark: the uninstall deletes by it, and nothing without it.
        var stamped = OwnershipLabels.Stamp(objects, Ownership.Of(context.Settings)).ToList();
        var outcomes = new ApplyOutcome?[stamped.Count];
        foreach (var wave in stamped.Select((item, index) => (Item: item, Index: index)).GroupBy(entry => IsWorkload(entry.Item)).OrderBy(wave => wave.Key))
        {
            try
            {
                await Task.WhenAll(wave.Select(async entry => outcomes[entry.Index] = await retry.ExecuteAsync(
                    async token => await applier.ApplyAsync(entry.Item, context.Settings.VirtualCluster.FieldManager, context.CheckMode, token), cancellationToken)));
            }
            finally
            {
                // What was applied is said, also when another object of the wave failed.
                foreach (var (item, index) in wave.Where(entry => outcomes[entry.Index] is not null))
                {
                    InstallerLog.Applied(logger, ((k8s.IKubernetesObject)item).Kind, ServerSideApplier.Describe(item), context.CheckMode ? $"{outcomes[index]} (check mode)" : outcomes[index].ToString()!);
                }
            }
        }

        var changed = outcomes.Count(outcome => outcome != ApplyOutcome.Unchanged);
        var summary = $"{outcomes.Length} objects: {outcomes.Count(o => o == ApplyOutcome.Created)} created, " +
                      $"{outcomes.Count(o => o == ApplyOutcome.Configured)} configured, {outcomes.Count(o => o == ApplyOutcome.Unchanged)} unchanged" +
                      (context.CheckMode ? " (check mode: nothing was changed)" : string.Empty);
        return new StageResult(changed > 0, summary);
    }

    /// <summary>What makes pods: applied once everything it may refer to is there.</summary>
    private static bool IsWorkload(object item) => item is V1Deployment or V1DaemonSet or V1StatefulSet;
}
