using k8s.Models;
using VcLab.Installer.Options;

namespace VcLab.Installer.Manifests;

/// <summary>
/// vc-syncer as its own Deployment with its own ServiceAccount and ClusterRole. Its container is given the
/// <c>syncer</c> command (without it, it never syncs), Lease-based leader election, and its own
/// settings: feature gates (<c>SyncTenantPVCStatusPhase=true</c> by default), extra flags and resources.
/// </summary>
internal static class SyncerManifests
{
    /// <summary>The syncer's healthz port (upstream's liveness probe).</summary>
    public const int HealthPort = 8080;

    public static IEnumerable<object> Create(InstallerSettings settings)
    {
        var ns = settings.VirtualCluster.Namespace;
        foreach (var rbac in Rbac.For(ManifestNames.Syncer, ns, Rules()))
        {
            yield return rbac;
        }

        yield return Workload.Deployment(
            ManifestNames.Syncer,
            ns,
            new Dictionary<string, string> { ["app"] = ManifestNames.Syncer },
            new V1PodSpec
            {
                ServiceAccountName = ManifestNames.Syncer,
                Containers =
                [
                    new V1Container
                    {
                        Name = ManifestNames.Syncer,
                        Image = settings.Images.Syncer,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["syncer"],
                        Args = ComponentFlags.Args(["--leader-elect=true", "--leader-elect-resource-lock=leases"], settings.Components.Syncer),
                        Resources = ComponentFlags.Resources(settings.Components.Syncer),
                        LivenessProbe = new V1Probe
                        {
                            TcpSocket = new V1TCPSocketAction { Port = HealthPort },
                            InitialDelaySeconds = 30,
                            PeriodSeconds = 20,
                            TimeoutSeconds = 1,
                            SuccessThreshold = 1,
                            FailureThreshold = 3,
                        },
                    },
                ],
            });
    }

    private static List<V1PolicyRule> Rules() =>
    [
        Rbac.Rule([""], ["configmaps", "endpoints", "namespaces", "pods", "secrets", "services", "serviceaccounts", "persistentvolumeclaims"], [.. Rbac.All, "deletecollection"]),
        Rbac.Rule(["networking.k8s.io", "extensions"], ["ingresses"], [.. Rbac.All, "deletecollection"]),
        Rbac.Rule(["scheduling.k8s.io"], ["priorityclasses"], Rbac.All),
        Rbac.Rule(["", "storage.k8s.io"], ["events", "nodes", "persistentvolumes", "storageclasses"], "get", "list", "watch"),
        Rbac.Rule([""], ["events"], "create", "patch"),
        Rbac.Rule([""], ["namespaces/status", "pods/status", "services/status", "nodes/status", "persistentvolumes/status", "persistentvolumeclaims/status"], "get"),
        Rbac.Rule([ManifestNames.TenancyGroup], ["virtualclusters", "clusterversions"], "get", "list", "watch"),
        Rbac.Rule([ManifestNames.TenancyGroup], ["virtualclusters/status"], "get"),
        Rbac.Rule(["coordination.k8s.io"], ["leases"], Rbac.All),
    ];
}
