using System.Text;
using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>The files each node needs, laid out as kubeadm does (/etc/kubernetes, /var/lib/kubelet).</summary>
internal static class NodeConfiguration
{
    public const string KubernetesDirectory = "/etc/kubernetes";
    public const string PkiDirectory = "/etc/kubernetes/pki";
    public const string AdminKubeconfig = "/etc/kubernetes/admin.conf";
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Every node: the CA, kubelet and kube-proxy identities and configuration, CNI.</summary>
    public static IEnumerable<ContainerFile> ForEveryNode(ClusterNode node, ClusterPki pki, string apiServer)
    {
        yield return File($"{PkiDirectory}/ca.crt", pki.Ca.CertificatePem, Public);
        yield return File($"{KubernetesDirectory}/kubelet.conf", Kubeconfig.Render("vclab", apiServer, pki.Ca.CertificatePem, $"system:node:{node.Name}", pki.IssueKubelet(node.Name)), Secret);
        yield return File($"{KubernetesDirectory}/proxy.conf", Kubeconfig.Render("vclab", apiServer, pki.Ca.CertificatePem, "system:kube-proxy", pki.KubeProxy), Secret);
        yield return File("/var/lib/kubelet/config.yaml", KubeletConfiguration(node), Public);
        yield return File("/var/lib/kube-proxy/config.yaml", KubeProxyConfiguration(node), Public);
        yield return File("/etc/cni/net.d/10-vclab.conflist", CniConfiguration(node), Public);
    }

    /// <summary>The control plane: the PKI's keys, the apiserver's certificates, and the components' kubeconfigs.</summary>
    public static IEnumerable<ContainerFile> ForControlPlane(ClusterNode node, ClusterPki pki, string apiServer)
    {
        var serving = pki.IssueApiServer(node.Name, System.Net.IPAddress.Parse(node.Address), ClusterNetwork.KubernetesServiceAddress);
        yield return File($"{PkiDirectory}/ca.key", pki.Ca.PrivateKeyPem, Secret);
        yield return File($"{PkiDirectory}/apiserver.crt", serving.CertificatePem, Public);
        yield return File($"{PkiDirectory}/apiserver.key", serving.PrivateKeyPem, Secret);
        yield return File($"{PkiDirectory}/apiserver-kubelet-client.crt", pki.ApiServerKubeletClient.CertificatePem, Public);
        yield return File($"{PkiDirectory}/apiserver-kubelet-client.key", pki.ApiServerKubeletClient.PrivateKeyPem, Secret);
        yield return File($"{PkiDirectory}/sa.key", pki.ServiceAccountKeyPem, Secret);
        yield return File($"{PkiDirectory}/sa.pub", pki.ServiceAccountPublicKeyPem, Public);
        yield return File(AdminKubeconfig, Kubeconfig.Render("vclab", apiServer, pki.Ca.CertificatePem, "kubernetes-admin", pki.Admin), Secret);
        yield return File($"{KubernetesDirectory}/controller-manager.conf", Kubeconfig.Render("vclab", apiServer, pki.Ca.CertificatePem, "system:kube-controller-manager", pki.ControllerManager), Secret);
        yield return File($"{KubernetesDirectory}/scheduler.conf", Kubeconfig.Render("vclab", apiServer, pki.Ca.CertificatePem, "system:kube-scheduler", pki.Scheduler), Secret);
    }

    /// <summary>The control plane's components as static pods of <paramref name="image"/> (<see cref="ControlPlanePods"/>).</summary>
    public static IReadOnlyList<ContainerFile> StaticPods(ClusterNode node, string image) =>
        [.. ControlPlanePods.For(node, image).Select(pod => File(pod.Path, pod.Manifest, Secret))];

    /// <summary>
    /// The kubelet's configuration. It looks at its node's status every 2 s instead of 10 (it posts it only when it
    /// changed or every 5 minutes, its default, which setting the first would lower to 2 s too; the lease says it is
    /// alive): a v1.20 kubelet registers its node NotReady and says Ready only at its next
    /// look, which otherwise costs every lab start 10 s.
    /// </summary>
    private static string KubeletConfiguration(ClusterNode node) => $"""
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous:
            enabled: false
          webhook:
            enabled: true
          x509:
            clientCAFile: {PkiDirectory}/ca.crt
        authorization:
          mode: Webhook
        cgroupDriver: cgroupfs
        cgroupRoot: {node.CgroupRoot}
        clusterDomain: cluster.local
        clusterDNS:
        - {ClusterNetwork.DnsServiceAddress}
        failSwapOn: false
        evictionHard:
          memory.available: 100Mi
          nodefs.available: 1%
          nodefs.inodesFree: 1%
          imagefs.available: 1%
        staticPodPath: {ControlPlanePods.ManifestDirectory}
        nodeStatusUpdateFrequency: 2s
        nodeStatusReportFrequency: 5m
        """ + "\n" + (node.Role == NodeRole.ControlPlane ? ControlPlaneKubelet : string.Empty);

    /// <summary>
    /// The control plane's kubelet runs the static pods. It makes their mirror pods (what kube-system shows) only once its
    /// node is registered, at its next sync of each pod: every 5 s here instead of every minute, so they show as soon as
    /// the cluster is up (it runs only those four pods).
    /// </summary>
    private const string ControlPlaneKubelet = "syncFrequency: 5s\n";

    private static string KubeProxyConfiguration(ClusterNode node) => $"""
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        clientConnection:
          kubeconfig: {KubernetesDirectory}/proxy.conf
        mode: iptables
        clusterCIDR: {ClusterNetwork.PodSubnet}
        hostnameOverride: {node.Name}
        conntrack:
          maxPerCore: 0
        """ + "\n";

    private static string CniConfiguration(ClusterNode node) => $$"""
        {
          "cniVersion": "0.4.0",
          "name": "vclab",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "cni0",
              "isGateway": true,
              "ipMasq": true,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{ "subnet": "{{node.PodSubnet}}" }]],
                "routes": [{ "dst": "0.0.0.0/0" }]
              }
            },
            { "type": "portmap", "capabilities": { "portMappings": true } }
          ]
        }
        """ + "\n";

    private static ContainerFile File(string path, string content, UnixFileMode mode) => new(path, Encoding.UTF8.GetBytes(content), mode);
}
