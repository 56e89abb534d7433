using k8s;
using k8s.Models;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The control plane as kubeadm lays it out: etcd, kube-apiserver, kube-controller-manager and kube-scheduler as static
/// pods in <c>/etc/kubernetes/manifests</c>, run by the control plane's kubelet in the node's network, labelled
/// <c>component</c> and <c>tier=control-plane</c> (what the installer reads the tenant images from), all from the lab's
/// control-plane image.
/// </summary>
internal static class ControlPlanePods
{
    public const string ManifestDirectory = NodeConfiguration.KubernetesDirectory + "/manifests";
    public const string EtcdDataDirectory = "/var/lib/etcd";

    /// <summary>The four manifests, with the command lines of <see cref="NodeServices"/>.</summary>
    public static IEnumerable<(string Path, string Manifest)> For(ClusterNode node, string image)
    {
        var pki = Mount("k8s-certs", NodeConfiguration.PkiDirectory, "DirectoryOrCreate");
        yield return Render(NodeServices.Etcd(node), image, [Mount("etcd-data", EtcdDataDirectory, "DirectoryOrCreate", readOnly: false)]);
        yield return Render(NodeServices.ApiServer(node), image, [pki]);
        yield return Render(NodeServices.ControllerManager(), image, [pki, Mount("kubeconfig", $"{NodeConfiguration.KubernetesDirectory}/controller-manager.conf", "FileOrCreate")]);
        yield return Render(NodeServices.Scheduler(), image, [Mount("kubeconfig", $"{NodeConfiguration.KubernetesDirectory}/scheduler.conf", "FileOrCreate")]);
    }

    /// <summary>A shell glob of a component's container logs, as the kubelet writes them (<c>/var/log/pods/...</c>).</summary>
    public static string LogGlob(string node, string component) =>
        $"/var/log/pods/kube-system_{component}-{node}_*/{component}/*.log";

    private static (string Path, string Manifest) Render(NodeService service, string image, IReadOnlyList<(V1Volume Volume, V1VolumeMount Mount)> mounts)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = service.Name,
                NamespaceProperty = "kube-system",
                Labels = new Dictionary<string, string> { ["component"] = service.Name, ["tier"] = "control-plane" },
            },
            Spec = new V1PodSpec
            {
                HostNetwork = true,
                PriorityClassName = "system-node-critical",
                Containers =
                [
                    new V1Container
                    {
                        Name = service.Name,
                        Image = image,
                        ImagePullPolicy = "IfNotPresent",
                        Command = [.. service.Command],
                        VolumeMounts = [.. mounts.Select(mount => mount.Mount)],
                    },
                ],
                Volumes = [.. mounts.Select(mount => mount.Volume)],
            },
        };
        return ($"{ManifestDirectory}/{service.Name}.yaml", KubernetesYaml.Serialize(pod));
    }

    private static (V1Volume, V1VolumeMount) Mount(string name, string path, string type, bool readOnly = true) =>
        (new V1Volume { Name = name, HostPath = new V1HostPathVolumeSource { Path = path, Type = type } },
         new V1VolumeMount { Name = name, MountPath = path, ReadOnlyProperty = readOnly });
}
