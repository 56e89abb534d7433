using k8s.Models;

namespace VcLab.Installer.Manifests;

/// <summary>The Deployment shape vc-manager and vc-syncer share: one replica, selected by its app label.</summary>
internal static class Workload
{
    public static V1Deployment Deployment(string name, string ns, IDictionary<string, string> podLabels, V1PodSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Rbac.Meta(name, ns),
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = podLabels }, Spec = pod },
        },
    };
}
