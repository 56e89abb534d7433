using VcLab.Installer.Tenants;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The command lines of the Kubernetes components, with the settings a node container needs: the control plane's four
/// run as static pods (<see cref="ControlPlanePods"/>), kubelet and kube-proxy as the node's own services.
/// </summary>
internal static class NodeServices
{
    private const string Pki = NodeConfiguration.PkiDirectory;
    private const string Config = NodeConfiguration.KubernetesDirectory;

    public static NodeService Etcd(ClusterNode node) => new("etcd",
    [
        "etcd", $"--name={node.Name}", $"--data-dir={ControlPlanePods.EtcdDataDirectory}",
        "--listen-client-urls=http://127.0.0.1:2379", "--advertise-client-urls=http://127.0.0.1:2379",
        "--listen-peer-urls=http://127.0.0.1:2380", "--initial-advertise-peer-urls=http://127.0.0.1:2380",
        $"--initial-cluster={node.Name}=http://127.0.0.1:2380",
    ]);

    public static NodeService ApiServer(ClusterNode node) => new("kube-apiserver",
    [
        "kube-apiserver",
        $"--advertise-address={node.Address}", "--bind-address=0.0.0.0", $"--secure-port={ClusterNetwork.ApiServerPort}",
        "--etcd-servers=http://127.0.0.1:2379",
        $"--service-cluster-ip-range={ClusterNetwork.ServiceSubnet}",
        $"--client-ca-file={Pki}/ca.crt",
        $"--tls-cert-file={Pki}/apiserver.crt", $"--tls-private-key-file={Pki}/apiserver.key",
        $"--kubelet-client-certificate={Pki}/apiserver-kubelet-client.crt", $"--kubelet-client-key={Pki}/apiserver-kubelet-client.key",
        // Node names are not resolvable from everywhere: reach kubelets (logs, exec) by address.
        "--kubelet-preferred-address-types=InternalIP,Hostname",
        $"--service-account-key-file={Pki}/sa.pub", $"--service-account-signing-key-file={Pki}/sa.key",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--authorization-mode=Node,RBAC", "--enable-admission-plugins=NodeRestriction",
        "--allow-privileged=true",
        // Webhooks and aggregated APIs are called on their endpoints (pod addresses), which every node routes.
        "--enable-aggregator-routing=true",
    ]);

    public static NodeService ControllerManager() => new("kube-controller-manager",
    [
        "kube-controller-manager",
        $"--kubeconfig={Config}/controller-manager.conf",
        $"--authentication-kubeconfig={Config}/controller-manager.conf", $"--authorization-kubeconfig={Config}/controller-manager.conf",
        $"--client-ca-file={Pki}/ca.crt", $"--root-ca-file={Pki}/ca.crt",
        $"--cluster-signing-cert-file={Pki}/ca.crt", $"--cluster-signing-key-file={Pki}/ca.key",
        $"--service-account-private-key-file={Pki}/sa.key", "--use-service-account-credentials=true",
        $"--service-cluster-ip-range={ClusterNetwork.ServiceSubnet}",
        // The tenants' rate (v1.20's 20 requests a second held its thirty controllers' start back 3.3 s, CoreDNS's pod with it).
        $"--kube-api-qps={ClusterVersionManifest.ControllerManagerApiQps}", $"--kube-api-burst={2 * ClusterVersionManifest.ControllerManagerApiQps}",
        "--leader-elect=false", "--bind-address=127.0.0.1",
    ]);

    public static NodeService Scheduler() => new("kube-scheduler",
    [
        "kube-scheduler",
        $"--kubeconfig={Config}/scheduler.conf",
        $"--authentication-kubeconfig={Config}/scheduler.conf", $"--authorization-kubeconfig={Config}/scheduler.conf",
        "--leader-elect=false", "--bind-address=127.0.0.1",
    ]);

    public static NodeService Kubelet(ClusterNode node)
    {
        List<string> command =
        [
            "kubelet",
            "--config=/var/lib/kubelet/config.yaml", $"--kubeconfig={Config}/kubelet.conf",
            "--container-runtime=remote", "--container-runtime-endpoint=unix:///run/containerd/containerd.sock",
            $"--node-ip={node.Address}", $"--hostname-override={node.Name}",
            "--pod-infra-container-image=" + Images.KubernetesImages.PauseReference,
        ];
        if (node.Role == NodeRole.ControlPlane)
        {
            // A kubelet may not give itself node-role labels; the taint is fine. The labels are set from the admin side.
            command.Add("--register-with-taints=node-role.kubernetes.io/master=:NoSchedule");
        }

        return new NodeService("kubelet", command);
    }

    public static NodeService KubeProxy() => new("kube-proxy", ["kube-proxy", "--config=/var/lib/kube-proxy/config.yaml"]);
}
