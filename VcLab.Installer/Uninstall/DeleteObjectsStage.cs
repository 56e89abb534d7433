using VcLab.Installer.Pipeline;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Uninstall;

/// <summary>
/// One step of the uninstall: deletes this install's objects of one kind (those with its mark) and waits until they are
/// gone; what someone else made is left. VirtualClusters and ClusterVersions that are not the install's stop the
/// uninstall before it deletes anything (and again before the CRDs, whose deletion would take them along), naming them,
/// unless the user takes them along (virtualcluster_uninstall_include_foreign). A VirtualCluster or ClusterVersion whose
/// finalizer vc-manager can no longer remove (vc-manager is not running: a partial install) has it removed here, and the
/// recap says so. In check mode it only lists what it would delete.
/// </summary>
internal sealed class DeleteObjectsStage(string name, TeardownKind kind, IReadOnlyList<string> dependsOn, ITeardownApi api, TimeProvider time) : IInstallStage
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public string Name => name;

    public IReadOnlyList<string> DependsOn => dependsOn;

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var includeForeign = context.Settings.VirtualCluster.UninstallIncludeForeign;
        if (kind is TeardownKind.VirtualCluster or TeardownKind.CustomResourceDefinition && !includeForeign)
        {
            await ThrowIfForeignTenancyAsync(cancellationToken);
        }

        var found = await api.ListAsync(kind, cancellationToken);
        var targets = found.Where(target => IsTarget(target, includeForeign)).ToList();
        var leftAlone = found.Where(target => !IsTarget(target, includeForeign)).ToList();
        var foreignNote = leftAlone.Count == 0 ? string.Empty : $"; left in place, not made by this installer: {string.Join(", ", leftAlone)}";
        if (targets.Count == 0)
        {
            return StageResult.Unchanged($"no {Plural} of this install left{foreignNote}");
        }

        var names = string.Join(", ", targets.Select(Describe));
        if (context.CheckMode)
        {
            return StageResult.ChangedWith($"would delete {names}{foreignNote}");
        }

        if (kind == TeardownKind.VirtualCluster)
        {
            await api.ClaimTenantNamespacesAsync(targets, cancellationToken);
        }

        var orphaned = kind is TeardownKind.VirtualCluster or TeardownKind.ClusterVersion && !await api.ManagerRunningAsync(cancellationToken);
        foreach (var target in targets)
        {
            if (!target.Deleting)
            {
                await api.DeleteAsync(target, cancellationToken);
            }

            if (orphaned)
            {
                await api.RemoveFinalizersAsync(target, cancellationToken);
            }
        }

        var timeout = TimeSpan.FromSeconds(context.Settings.VirtualCluster.VerifyTimeoutSeconds);
        await Wait.UntilAsync($"{names} are deleted", async token =>
        {
            var left = (await api.ListAsync(kind, token)).Where(item => targets.Any(target => target.Is(item))).ToList();
            return left.Count == 0 ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting($"still there: {string.Join(", ", left.Select(Describe))}");
        }, timeout, Interval, time, cancellationToken);
        return StageResult.ChangedWith(
            $"deleted {names}{(orphaned ? "; vc-manager is not running, so VcLab removed their finalizers (their tenants' namespaces are deleted by the next step)" : string.Empty)}{foreignNote}");
    }

    /// <summary>
    /// The install's own objects are deleted; someone else's VirtualClusters and ClusterVersions only when the user said so;
    /// a components' namespace that is someone else's is listed only while the install's objects are in it, and then only
    /// those are deleted (never the namespace).
    /// </summary>
    private bool IsTarget(TeardownTarget target, bool includeForeign) =>
        target.Owned || kind == TeardownKind.ComponentNamespace || (includeForeign && kind is TeardownKind.VirtualCluster or TeardownKind.ClusterVersion);

    private string Describe(TeardownTarget target) =>
        kind == TeardownKind.ComponentNamespace && !target.Owned ? $"this install's objects in {target} (the namespace is someone else's and stays)" : target.ToString();

    private async Task ThrowIfForeignTenancyAsync(CancellationToken cancellationToken)
    {
        var foreign = (await api.ListAsync(TeardownKind.VirtualCluster, cancellationToken))
            .Concat(await api.ListAsync(TeardownKind.ClusterVersion, cancellationToken))
            .Where(target => !target.Owned)
            .ToList();
        if (foreign.Count > 0)
        {
            throw new ForeignObjectsException(
                $"Uninstall stopped before {(kind == TeardownKind.VirtualCluster ? "deleting anything" : "deleting the CRDs")}: " +
                $"{string.Join(", ", foreign)} {(foreign.Count == 1 ? "was" : "were")} not created by this installer, and " +
                "removing vc-manager and the CRDs would take them along. Delete them yourself first, or run 'uninstall --include-foreign' " +
                "(virtualcluster_uninstall_include_foreign: true) to delete them too.");
        }
    }

    private string Plural => kind switch
    {
        TeardownKind.VirtualCluster => "VirtualClusters",
        TeardownKind.TenantNamespace => "tenant namespaces",
        TeardownKind.ClusterVersion => "ClusterVersions",
        TeardownKind.ComponentNamespace => "components' namespace",
        TeardownKind.ClusterScoped => "cluster-scoped objects",
        _ => "VirtualCluster CRDs",
    };
}
