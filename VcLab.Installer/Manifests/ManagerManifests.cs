using k8s.Models;
using VcLab.Installer.Options;

namespace VcLab.Installer.Manifests;

/// <summary>
/// vc-manager: its RBAC (with admissionregistration.k8s.io for its webhook and coordination.k8s.io for leader
/// election) and its Deployment: resources from its own settings or else virtualcluster_pod_resource_*, its feature gates and extra flags, the <c>virtualcluster-webhook: "true"</c> label that
/// the webhook Service it creates selects on, port 9443, and a writable emptyDir for its webhook certificates.
/// </summary>
internal static class ManagerManifests
{
    public static IEnumerable<object> Create(InstallerSettings settings)
    {
        var ns = settings.VirtualCluster.Namespace;
        foreach (var rbac in Rbac.For(ManifestNames.Manager, ns, Rules()))
        {
            yield return rbac;
        }

        var labels = new Dictionary<string, string> { ["app"] = ManifestNames.Manager, [ManifestNames.WebhookLabel] = "true" };
        yield return Workload.Deployment(
            ManifestNames.Manager,
            ns,
            labels,
            new V1PodSpec
            {
                ServiceAccountName = ManifestNames.Manager,
                Containers =
                [
                    new V1Container
                    {
                        Name = ManifestNames.Manager,
                        Image = settings.Images.Manager,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["manager"],
                        Args = ComponentFlags.Args(["--disable-stacktrace=true", "--enable-webhook=true"], settings.Components.Manager),
                        Ports = [new V1ContainerPort { Name = "webhook", ContainerPort = ManifestNames.WebhookPort, Protocol = "TCP" }],
                        Resources = ComponentFlags.Resources(settings.Components.Manager, settings.Resources),
                        VolumeMounts = [new V1VolumeMount { Name = "webhook-certs", MountPath = ManifestNames.WebhookCertDirectory }],
                    },
                ],
                Volumes = [new V1Volume { Name = "webhook-certs", EmptyDir = new V1EmptyDirVolumeSource() }],
            });
    }

    private static List<V1PolicyRule> Rules() =>
    [
        Rbac.Rule(["certificates.k8s.io"], ["signers"], "approve"),
        Rbac.Rule(["certificates.k8s.io"], ["certificatesigningrequests", "certificatesigningrequests/approval"], Rbac.All),
        Rbac.Rule([ManifestNames.TenancyGroup], ["clusterversions", "virtualclusters"], Rbac.All),
        Rbac.Rule([ManifestNames.TenancyGroup], ["clusterversions/status", "virtualclusters/status"], "get", "update", "patch"),
        Rbac.Rule(["apps"], ["statefulsets"], Rbac.All),
        Rbac.Rule(["apps"], ["statefulsets/status"], "get", "update", "patch"),
        Rbac.Rule([""], ["services", "events", "secrets", "configmaps", "namespaces"], Rbac.All),
        Rbac.Rule([""], ["services/status", "secrets/status", "configmaps/status"], "get", "update", "patch"),
        Rbac.Rule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"], Rbac.All),
        Rbac.Rule(["coordination.k8s.io"], ["leases"], Rbac.All),
    ];
}
