using k8s.Models;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Stages;

/// <summary>
/// verify.yml, the role's five checks in code: the namespace, the CRDs, the pods Running (waited for), vn-agent
/// on workers only, and no unexplained Warning events since the run began; then what the components do
/// (<see cref="ComponentChecks"/>: webhook served, leaders elected, vn-agent answering on every worker). A failure
/// shows what a person would look at.
/// </summary>
internal sealed class VerifyStage(IClusterState cluster, IClusterNodes nodes, IComponentChecks checks, TimeProvider time, ILogger<VerifyStage> logger) : IInstallStage
{
    public string Name => StageNames.Verify;

    public IReadOnlyList<string> DependsOn => [StageNames.DeployManager];

    public string? SkipReason(InstallContext context) => context.CheckMode ? "check mode: nothing was deployed to verify" : null;

    public TimeSpan Timeout(InstallContext context) => TimeSpan.FromSeconds(context.Settings.VirtualCluster.VerifyTimeoutSeconds + 60);

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var ns = context.Settings.VirtualCluster.Namespace;
        if (!await cluster.NamespaceExistsAsync(ns, cancellationToken))
        {
            throw new InvalidOperationException($"The namespace {ns} (virtualcluster_namespace) does not exist: it was deleted after the namespace stage made it. Run the installer again.");
        }

        InstallerLog.VerifyPassed(logger, $"namespace {ns} exists");
        foreach (var crd in new[] { CustomResourceDefinitions.ClusterVersions, CustomResourceDefinitions.VirtualClusters })
        {
            if (await cluster.CustomResourceDefinitionAsync(crd, cancellationToken) is not { } definition || !CustomResourceDefinitions.IsEstablished(definition))
            {
                throw new InvalidOperationException($"CRD {crd} is missing or not Established: see 'kubectl get crd {crd} -o yaml'.");
            }
        }

        InstallerLog.VerifyPassed(logger, "CRDs clusterversions and virtualclusters are Established");
        var workers = (await nodes.WorkerNamesAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var pods = await WaitForPodsAsync(context, workers, cancellationToken);
        InstallerLog.VerifyPassed(logger, $"{pods.Count} pods Running");

        var agentsOffWorkers = pods.Where(pod => pod.Metadata.Labels["app"] == ManifestNames.VnAgent && !workers.Contains(pod.Spec.NodeName)).ToList();
        if (agentsOffWorkers.Count > 0)
        {
            throw new InvalidOperationException($"vn-agent runs on non-worker nodes: {string.Join(", ", agentsOffWorkers.Select(pod => $"{pod.Metadata.Name} on {pod.Spec.NodeName}"))}.");
        }

        InstallerLog.VerifyPassed(logger, $"vn-agent runs on the {workers.Count} workers only");
        var deadline = time.GetUtcNow().AddSeconds(context.Settings.VirtualCluster.VerifyTimeoutSeconds);
        TimeSpan Remaining() => TimeSpan.FromSeconds(Math.Max(5, (deadline - time.GetUtcNow()).TotalSeconds));
        foreach (var check in new Func<Task<string>>[]
        {
            () => checks.WebhookAsync(ns, Remaining(), cancellationToken),
            () => checks.LeadersAsync(ns, Remaining(), cancellationToken),
            () => checks.VnAgentsAsync([.. workers.Order(StringComparer.Ordinal)], Remaining(), cancellationToken),
        })
        {
            InstallerLog.VerifyPassed(logger, await check());
        }

        var (explained, problems) = await JudgeWarningsAsync(context, deadline, cancellationToken);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Warning events in {ns} since the run began:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        var events = explained.Count == 0 ? "no Warning events" : $"{explained.Count} Warning events, each explained: {string.Join("; ", explained.Distinct())}";
        context.Publish(new Verified());
        return StageResult.Unchanged(
            $"vc-manager (webhook served, leader), vc-syncer (leader) Running; vn-agent answering on {workers.Count}/{workers.Count} workers; {events}");
    }

    /// <summary>
    /// Judges the Warning events since the run began against what is healthy now. A warning about a pod, Service or
    /// Endpoints that is not healthy at this moment is judged again until the verify deadline: after an API server restart the
    /// node controller marks every node NotReady, and their pods not ready, for the seconds until the kubelets report
    /// again, which can fall after the pods were seen Running.
    /// </summary>
    private async Task<(List<string> Explained, List<string> Problems)> JudgeWarningsAsync(
        InstallContext context, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var ns = context.Settings.VirtualCluster.Namespace;
        List<(Corev1Event Warning, string? Explanation)> warnings = [];
        try
        {
            await Wait.UntilAsync($"the pods and Services that Warning events in {ns} are about are healthy again", async token =>
            {
                (warnings, var pods) = await JudgeOnceAsync(context, token);
                var recovering = warnings
                    .Where(judged => judged.Explanation is null && judged.Warning.InvolvedObject.Kind is "Pod" or "Service" or "Endpoints" && StillExists(judged.Warning, pods))
                    .Select(judged => $"{judged.Warning.InvolvedObject.Kind} {judged.Warning.InvolvedObject.Name} ({judged.Warning.Reason})")
                    .Distinct()
                    .ToList();
                if (recovering.Count == 0)
                {
                    return Wait.Probe.Ready("none recovering");
                }

                InstallerLog.VerifyWaiting(logger, string.Join(", ", recovering));
                return Wait.Probe.Waiting(string.Join(", ", recovering));
            }, deadline - time.GetUtcNow(), TimeSpan.FromSeconds(2), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The deadline passed: what the last look saw is the verdict.
        }

        foreach (var (warning, explanation) in warnings)
        {
            InstallerLog.WarningEvent(logger, warning.InvolvedObject.Kind, warning.InvolvedObject.Name, warning.Reason, warning.Message);
            if (explanation is not null)
            {
                InstallerLog.WarningExplained(logger, explanation);
            }
        }

        return (
            [.. warnings.Select(judged => judged.Explanation).OfType<string>()],
            [.. warnings.Where(judged => judged.Explanation is null).Select(judged => $"  {judged.Warning.InvolvedObject.Kind} {judged.Warning.InvolvedObject.Name}: {judged.Warning.Reason}: {judged.Warning.Message}")]);
    }

    /// <summary>
    /// The Warning events since the run began, each with its explanation or null when it has none (judged against what
    /// is healthy now), and the namespace's pods as they are now.
    /// </summary>
    private async Task<(List<(Corev1Event Warning, string? Explanation)> Warnings, IReadOnlyList<V1Pod> Pods)> JudgeOnceAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var ns = context.Settings.VirtualCluster.Namespace;
        // Pods are read each time: one restarted while the components were checked is judged as it is now.
        var pods = await cluster.PodsAsync(ns, cancellationToken);
        // What is healthy now, by kind and name: pods running and ready, Services with a ready endpoint.
        var healthy = pods.Where(PodDiagnosis.IsRunningAndReady).Select(pod => $"Pod/{pod.Metadata.Name}")
            .Concat((await cluster.ReadyServicesAsync(ns, cancellationToken)).Select(service => $"Service/{service}"))
            .ToHashSet(StringComparer.Ordinal);
        List<(Corev1Event Warning, string? Explanation)> warnings = [.. (await cluster.EventsAsync(ns, cancellationToken))
            .Where(item => item.Type == "Warning" && (item.LastTimestamp ?? item.EventTime ?? DateTime.MinValue) >= context.StartedAt.UtcDateTime.AddSeconds(-1))
            .Select(warning => (warning, WarningExplanations.Explain(warning, healthy.Contains(WarningExplanations.HealthKey(warning)))))];
        return (warnings, pods);
    }

    /// <summary>Whether a pod a warning is about still exists (a deleted one never becomes ready); Services always may.</summary>
    private static bool StillExists(Corev1Event warning, IReadOnlyList<V1Pod> pods) =>
        warning.InvolvedObject.Kind != "Pod" || pods.Any(pod => pod.Metadata.Name == warning.InvolvedObject.Name && pod.Metadata.DeletionTimestamp is null);

    private async Task<IReadOnlyList<V1Pod>> WaitForPodsAsync(InstallContext context, HashSet<string> workers, CancellationToken cancellationToken)
    {
        var ns = context.Settings.VirtualCluster.Namespace;
        var timeout = context.Settings.VirtualCluster.VerifyTimeoutSeconds;
        List<V1Pod> pods = [];
        try
        {
            await Wait.UntilAsync($"vc-manager, vc-syncer and vn-agent on every worker Running in {ns}", async token =>
            {
                pods = [.. (await cluster.PodsAsync(ns, token)).Where(pod => pod.Metadata.DeletionTimestamp is null)];
                if (pods.FirstOrDefault(PodDiagnosis.IsHopeless) is { } hopeless)
                {
                    throw new InvalidOperationException("A pod cannot start" + Environment.NewLine + await cluster.DescribePodAsync(hopeless, token));
                }

                var missing = Missing(pods, workers);
                return missing.Count == 0 ? Wait.Probe.Ready("all Running") : Wait.Probe.Waiting($"not running: {string.Join(", ", missing)}");
            }, TimeSpan.FromSeconds(timeout), TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var culprit = pods.FirstOrDefault(pod => !PodDiagnosis.IsRunningAndReady(pod));
            var details = culprit is null ? string.Empty : Environment.NewLine + await cluster.DescribePodAsync(culprit, cancellationToken);
            throw new InvalidOperationException($"Not running after {timeout} s: {string.Join(", ", Missing(pods, workers))}{details}");
        }

        return pods;
    }

    /// <summary>What is not yet running: one vc-manager, one vc-syncer, and a vn-agent on every worker.</summary>
    private static List<string> Missing(List<V1Pod> pods, HashSet<string> workers)
    {
        var running = pods.Where(PodDiagnosis.IsRunningAndReady).ToList();
        var missing = new List<string>();
        foreach (var app in new[] { ManifestNames.Manager, ManifestNames.Syncer })
        {
            if (!running.Any(pod => pod.Metadata.Labels.TryGetValue("app", out var label) && label == app))
            {
                missing.Add(app);
            }
        }

        missing.AddRange(workers
            .Where(worker => !running.Any(pod => pod.Metadata.Labels.TryGetValue("app", out var label) && label == ManifestNames.VnAgent && pod.Spec.NodeName == worker))
            .Select(worker => $"vn-agent on {worker}"));
        return missing;
    }
}
