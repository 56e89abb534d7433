using k8s.Models;
using VcLab.Installer.Options;

namespace VcLab.Installer.Manifests;

/// <summary>
/// vn-agent: a DaemonSet on the host network, kept off control-plane nodes (both role labels), run as upstream's
/// all_in_one.yaml runs it. Its kubelet client certificate is a Secret of its own (<see cref="KubeletClient"/>),
/// applied but never written to all-in-one.yaml; the pod template carries the certificate's fingerprint.
/// </summary>
internal static class VnAgentManifests
{
    public const string KubeletClientSecret = "vn-agent-kubelet-client";

    public const string KubeletClientAnnotation = "vclab.io/kubelet-client-sha256";

    public static V1Secret KubeletClient(string ns, KubeletClientCertificate? certificate) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = KubeletClientSecret, NamespaceProperty = ns },
        Data = new Dictionary<string, byte[]>
        {
            ["client.crt"] = certificate?.CertificatePem ?? [],
            ["client.key"] = certificate?.KeyPem ?? [],
        },
    };

    public static IEnumerable<object> Create(InstallerSettings settings, string? kubeletClientFingerprint)
    {
        var ns = settings.VirtualCluster.Namespace;
        foreach (var rbac in Rbac.For(ManifestNames.VnAgent, ns, [Rbac.Rule([""], ["pods", "pods/log", "pods/exec", "pods/portforward", "nodes/proxy"], "get", "list", "create")]))
        {
            yield return rbac;
        }

        yield return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = Rbac.Meta(ManifestNames.VnAgent, ns),
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = ManifestNames.VnAgent } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = new Dictionary<string, string> { ["app"] = ManifestNames.VnAgent },
                        Annotations = kubeletClientFingerprint is null ? null : new Dictionary<string, string> { [KubeletClientAnnotation] = kubeletClientFingerprint },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ManifestNames.VnAgent,
                        HostNetwork = true,
                        Affinity = WorkersOnly(),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = ManifestNames.VnAgent,
                                Image = settings.Images.VnAgent,
                                ImagePullPolicy = "IfNotPresent",
                                Command =
                                [
                                    "vn-agent", "--cert-dir=/etc/vn-agent/",
                                    "--kubelet-client-certificate=/etc/vn-agent/pki/client.crt",
                                    "--kubelet-client-key=/etc/vn-agent/pki/client.key",
                                ],
                                Args = ComponentFlags.Args([], settings.Components.VnAgent),
                                Resources = ComponentFlags.Resources(settings.Components.VnAgent),
                                VolumeMounts = [new V1VolumeMount { Name = "kubelet-client-cert", MountPath = "/etc/vn-agent/pki/" }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "kubelet-client-cert", Secret = new V1SecretVolumeSource { SecretName = KubeletClientSecret } }],
                    },
                },
            },
        };
    }

    private static V1Affinity WorkersOnly() => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms =
                [
                    new V1NodeSelectorTerm
                    {
                        MatchExpressions =
                        [
                            new V1NodeSelectorRequirement { Key = ManifestNames.ControlPlaneLabel, OperatorProperty = "DoesNotExist" },
                            new V1NodeSelectorRequirement { Key = ManifestNames.MasterLabel, OperatorProperty = "DoesNotExist" },
                        ],
                    },
                ],
            },
        },
    };
}
