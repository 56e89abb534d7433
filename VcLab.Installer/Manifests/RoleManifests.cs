using k8s;
using k8s.Models;
using VcLab.Installer.Options;

namespace VcLab.Installer.Manifests;

/// <summary>The role's four manifest files, by their role names, as typed objects and as YAML.</summary>
internal static class RoleManifests
{
    public const string NamespaceFile = "namespace.yaml";
    public const string ClusterVersionCrdFile = "clusterversion-crd.yaml";
    public const string VirtualClusterCrdFile = "virtualcluster-crd.yaml";
    public const string AllInOneFile = "all-in-one.yaml";

    public static V1Namespace Namespace(InstallerSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = settings.VirtualCluster.Namespace },
    };

    /// <summary>vc-manager, vc-syncer and vn-agent; vn-agent's pods carry the kubelet client certificate's fingerprint when it has one.</summary>
    public static IReadOnlyList<object> AllInOne(InstallerSettings settings, string? kubeletClientFingerprint = null) =>
        [.. ManagerManifests.Create(settings), .. SyncerManifests.Create(settings), .. VnAgentManifests.Create(settings, kubeletClientFingerprint)];

    /// <summary>Every file with its objects, in the order they are applied.</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<object> Objects)> Files(InstallerSettings settings) =>
    [
        (NamespaceFile, [Namespace(settings)]),
        (ClusterVersionCrdFile, [CustomResourceDefinitions.ClusterVersion()]),
        (VirtualClusterCrdFile, [CustomResourceDefinitions.VirtualCluster()]),
        (AllInOneFile, AllInOne(settings)),
    ];

    public static string ToYaml(IEnumerable<object> objects) =>
        string.Join("---\n", objects.Select(item => KubernetesYaml.Serialize(item).TrimEnd() + "\n"));
}
