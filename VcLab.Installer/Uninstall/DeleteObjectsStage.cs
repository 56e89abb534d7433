using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Uninstall;

/// <summary>
/// One step of the uninstall: deletes every object of one kind and waits until they are gone. A VirtualCluster or
/// ClusterVersion whose finalizer vc-manager can no longer remove (vc-manager is not running: a partial install) has
/// it removed here, and the recap says so. In check mode it only lists what it would delete.
/// </summary>
internal sealed class DeleteObjectsStage(string name, TeardownKind kind, IReadOnlyList<string> dependsOn, ITeardownApi api, TimeProvider time) : IInstallStage
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public string Name => name;

    public IReadOnlyList<string> DependsOn => dependsOn;

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var found = await api.ListAsync(kind, cancellationToken);
        if (found.Count == 0)
        {
            return StageResult.Unchanged($"no {Plural} left");
        }

        var names = string.Join(", ", found);
        if (context.CheckMode)
        {
            return StageResult.ChangedWith($"would delete {names}");
        }

        var orphaned = kind is TeardownKind.VirtualCluster or TeardownKind.ClusterVersion && !await api.ManagerRunningAsync(cancellationToken);
        foreach (var target in found)
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
            var left = await api.ListAsync(kind, token);
            return left.Count == 0 ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting($"still there: {string.Join(", ", left)}");
        }, timeout, Interval, time, cancellationToken);
        return StageResult.ChangedWith(
            $"deleted {names}{(orphaned ? "; vc-manager is not running, so VcLab removed their finalizers (their tenants' namespaces are deleted by the next step)" : string.Empty)}");
    }

    private string Plural => kind switch
    {
        TeardownKind.VirtualCluster => "VirtualClusters",
        TeardownKind.TenantNamespace => "tenant namespaces",
        TeardownKind.ClusterVersion => "ClusterVersions",
        TeardownKind.ComponentNamespace => "components' namespace",
        _ => "VirtualCluster CRDs",
    };
}
