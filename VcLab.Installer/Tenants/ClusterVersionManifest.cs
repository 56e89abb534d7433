using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A ClusterVersion as upstream's <c>config/sampleswithspec/clusterversion_v1_nodeport.yaml</c> writes it (etcd,
/// kube-apiserver and kube-controller-manager StatefulSets; the API server behind a NodePort Service), with the given
/// images, <c>IfNotPresent</c> for side-loaded images, and what a small tenant needs, measured with <c>bench tenants</c>:
/// <list type="bullet">
/// <item>Readiness is probed from the container's start, every second (the sample waits 5 to 15 s first): upstream's
/// native provisioner creates the three one after another, each once the one before is ready, so those delays added up
/// to half a tenant's start. Liveness keeps the sample's patience.</item>
/// <item>etcd's health is asked by the kubelet itself over HTTP, on etcd's metrics listener (<c>/health</c>, as kubeadm
/// probes its etcd), not by running <c>etcdctl</c> in the container: an exec probe every second is a runc exec, a Go
/// process's start and a TLS handshake per tenant per second, which ten tenants on two cores could not afford.</item>
/// <item>etcd's data is in an emptyDir (<c>/var/lib/etcd</c>), not in the container's own layer as in the sample: the
/// layer is thrown away when the container restarts (its liveness probe, an out-of-memory kill), and the tenant's
/// objects with it; an emptyDir lives as long as the pod. On the lab it also takes the two 64 MB WAL files etcd
/// preallocates out of memory (a node's container storage is a tmpfs there: 123 MiB of each tenant's 322, measured with
/// <c>bench tenants</c>). <c>--snapshot-count=10000</c> bounds the raft log it keeps in memory.</item>
/// <item>The API server serves the API groups of its version's defaults (the sample's <c>--runtime-config=api/all</c>
/// turned on every alpha API, 70 MiB more), plus a <c>--runtime-config</c> when given (<see cref="Options.TenantOptions.ApiServerRuntimeConfig"/>); it runs with
/// <c>GOGC=50</c>, a heap at most half again its live size (about 30 MiB less, for a little more CPU).</item>
/// <item>The controller-manager may ask its API server 100 requests a second, not 20 (<see cref="ControllerManagerApiQps"/>):
/// its start, thirty controllers each with a service account of its own, was held back by its own rate limit.</item>
/// <item>Each of the three is given 5 s to stop (the sample: 30): etcd and the API server stop within a second of
/// SIGTERM, v1.20's controller-manager was seen to wait out the whole grace period, and the super
/// cluster's namespace controller waits out the longest grace period of a namespace's pods before it looks again, so a
/// tenant's deletion took half a minute longer.</item>
/// </list>
/// A zero is left out rather than written: vc-manager writes the object back through Go types that drop zeros, and the
/// next run would see a change. Written as typed objects, as the StatefulSets and Services vc-manager makes from it.
/// </summary>
public static class ClusterVersionManifest
{
    /// <summary>etcd's plain-HTTP listener for <c>/health</c> and <c>/metrics</c> (kubeadm's port; no data is served there).</summary>
    public const int EtcdHealthPort = 2381;

    /// <summary>The etcd pod's volume for its data: an emptyDir, which outlives a restart of the container.</summary>
    public const string EtcdDataVolume = "etcd-data";

    /// <summary>
    /// Requests per second the tenant's controller-manager may make of the tenant's API server (v1.20's default: 20, burst
    /// 30). At its start it makes a service account, and waits for its token, for each of its thirty controllers, one
    /// after another: at 20 a second that took 3.3 s (150 ms a controller once the burst was spent), and the tenant's
    /// Deployments, its DNS's among them, were looked at only after it.
    /// </summary>
    public const int ControllerManagerApiQps = 100;

    /// <summary>Given to each of the three to stop (the sample: 30 s).</summary>
    private const long StopSeconds = 5;

    public static V1Alpha1ClusterVersion Create(string name, TenantImages images, Ownership owner, string? runtimeConfig = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { [Ownership.ManagedByLabel] = owner.ManagedBy, [Ownership.InstanceLabel] = owner.Instance },
        },
        Spec = new ClusterVersionSpec
        {
            Etcd = new ClusterVersionComponent
            {
                Metadata = new V1ObjectMeta { Name = "etcd" },
                StatefulSet = Etcd(images.Etcd),
                Service = new V1Service
                {
                    ApiVersion = "v1",
                    Kind = "Service",
                    Metadata = new V1ObjectMeta { Name = "etcd" },
                    Spec = new V1ServiceSpec { PublishNotReadyAddresses = true, Type = "ClusterIP", ClusterIP = "None", Selector = Selector("etcd") },
                },
            },
            ApiServer = new ClusterVersionComponent
            {
                Metadata = new V1ObjectMeta { Name = "apiserver" },
                StatefulSet = ApiServer(images.ApiServer, runtimeConfig),
                Service = new V1Service
                {
                    ApiVersion = "v1",
                    Kind = "Service",
                    Metadata = new V1ObjectMeta { Name = "apiserver-svc" },
                    Spec = new V1ServiceSpec
                    {
                        Selector = Selector("apiserver"),
                        Type = "NodePort",
                        Ports = [new V1ServicePort { Port = 6443, Protocol = "TCP", TargetPort = "api" }],
                    },
                },
            },
            ControllerManager = new ClusterVersionComponent
            {
                Metadata = new V1ObjectMeta { Name = "controller-manager" },
                StatefulSet = ControllerManager(images.ControllerManager),
            },
        },
    };

    private static V1StatefulSet Etcd(string image) => StatefulSet("etcd", "etcd", revisionHistoryLimit: 10, new V1PodSpec
    {
        Subdomain = "etcd",
        TerminationGracePeriodSeconds = StopSeconds,
        Containers =
        [
            new V1Container
            {
                Name = "etcd",
                Image = image,
                ImagePullPolicy = "IfNotPresent",
                Command = ["etcd"],
                Env = [new V1EnvVar { Name = "HOSTNAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
                Args =
                [
                    "--name=$(HOSTNAME)", "--trusted-ca-file=/etc/kubernetes/pki/root/tls.crt", "--client-cert-auth",
                    "--cert-file=/etc/kubernetes/pki/etcd/tls.crt", "--key-file=/etc/kubernetes/pki/etcd/tls.key", "--peer-client-cert-auth",
                    "--peer-trusted-ca-file=/etc/kubernetes/pki/root/tls.crt", "--peer-cert-file=/etc/kubernetes/pki/etcd/tls.crt",
                    "--peer-key-file=/etc/kubernetes/pki/etcd/tls.key", "--listen-peer-urls=https://0.0.0.0:2380",
                    "--listen-client-urls=https://0.0.0.0:2379", "--initial-advertise-peer-urls=https://$(HOSTNAME).etcd:2380",
                    "--advertise-client-urls=https://$(HOSTNAME).etcd:2379", "--initial-cluster-state=new",
                    "--initial-cluster-token=vc-etcd", "--data-dir=/var/lib/etcd/data", "--snapshot-count=10000",
                    $"--listen-metrics-urls=http://0.0.0.0:{EtcdHealthPort}",
                ],
                LivenessProbe = new V1Probe { HttpGet = EtcdHealth(), FailureThreshold = 8, InitialDelaySeconds = 60, TimeoutSeconds = 15 },
                ReadinessProbe = new V1Probe { HttpGet = EtcdHealth(), FailureThreshold = 8, PeriodSeconds = 1, TimeoutSeconds = 15 },
                VolumeMounts =
                [
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/etcd", Name = "etcd-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/root", Name = "root-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/var/lib/etcd", Name = EtcdDataVolume },
                ],
            },
        ],
        Volumes = [Secret("etcd-ca"), Secret("root-ca"), new V1Volume { Name = EtcdDataVolume, EmptyDir = new V1EmptyDirVolumeSource() }],
    });

    private static V1StatefulSet ApiServer(string image, string? runtimeConfig) => StatefulSet("apiserver", "apiserver-svc", revisionHistoryLimit: 10, new V1PodSpec
    {
        Hostname = "apiserver",
        Subdomain = "apiserver-svc",
        Containers =
        [
            new V1Container
            {
                Name = "apiserver",
                Image = image,
                ImagePullPolicy = "IfNotPresent",
                Command = ["kube-apiserver"],
                Args =
                [
                    "--bind-address=0.0.0.0", "--allow-privileged=true", "--anonymous-auth=true",
                    "--client-ca-file=/etc/kubernetes/pki/root/tls.crt", "--tls-cert-file=/etc/kubernetes/pki/apiserver/tls.crt",
                    "--tls-private-key-file=/etc/kubernetes/pki/apiserver/tls.key", "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver/tls.crt",
                    "--kubelet-client-key=/etc/kubernetes/pki/apiserver/tls.key", "--enable-bootstrap-token-auth=true",
                    "--etcd-servers=https://etcd-0.etcd:2379", "--etcd-cafile=/etc/kubernetes/pki/root/tls.crt",
                    "--etcd-certfile=/etc/kubernetes/pki/apiserver/tls.crt", "--etcd-keyfile=/etc/kubernetes/pki/apiserver/tls.key",
                    "--service-account-issuer=api", "--service-account-signing-key-file=/etc/kubernetes/pki/service-account/tls.key",
                    "--service-account-key-file=/etc/kubernetes/pki/service-account/tls.key", "--service-cluster-ip-range=10.32.0.0/16",
                    "--service-node-port-range=30000-32767", "--authorization-mode=Node,RBAC",
                    .. string.IsNullOrEmpty(runtimeConfig) ? (string[])[] : [$"--runtime-config={runtimeConfig}"],
                    "--enable-admission-plugins=NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota",
                    "--apiserver-count=1", "--enable-aggregator-routing=true", "--requestheader-client-ca-file=/etc/kubernetes/pki/root/tls.crt",
                    "--requestheader-allowed-names=front-proxy-client", "--requestheader-username-headers=X-Remote-User",
                    "--requestheader-group-headers=X-Remote-Group", "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                    "--proxy-client-key-file=/etc/kubernetes/pki/frontproxy/tls.key", "--proxy-client-cert-file=/etc/kubernetes/pki/frontproxy/tls.crt", "--v=2",
                ],
                Env = [new V1EnvVar { Name = "GOGC", Value = "50" }],
                Ports = [new V1ContainerPort { ContainerPort = 6443, Protocol = "TCP", Name = "api" }],
                LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 6443 }, FailureThreshold = 8, InitialDelaySeconds = 15, PeriodSeconds = 10, TimeoutSeconds = 15 },
                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 6443, Path = "/healthz", Scheme = "HTTPS" }, FailureThreshold = 8, PeriodSeconds = 1, TimeoutSeconds = 30 },
                VolumeMounts =
                [
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/apiserver", Name = "apiserver-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/frontproxy", Name = "front-proxy-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/root", Name = "root-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/service-account", Name = "serviceaccount-rsa", ReadOnlyProperty = true },
                ],
            },
        ],
        SecurityContext = new V1PodSecurityContext(),
        TerminationGracePeriodSeconds = StopSeconds,
        DnsConfig = new V1PodDNSConfig { Searches = ["cluster.local"] },
        Volumes = [Secret("apiserver-ca"), Secret("root-ca"), Secret("front-proxy-ca"), Secret("serviceaccount-rsa")],
    });

    private static V1StatefulSet ControllerManager(string image) => StatefulSet("controller-manager", "controller-manager-svc", revisionHistoryLimit: null, new V1PodSpec
    {
        TerminationGracePeriodSeconds = StopSeconds,
        Containers =
        [
            new V1Container
            {
                Name = "controller-manager",
                Image = image,
                ImagePullPolicy = "IfNotPresent",
                Command = ["kube-controller-manager"],
                Args =
                [
                    "--bind-address=0.0.0.0", "--cluster-cidr=10.200.0.0/16", "--cluster-signing-cert-file=/etc/kubernetes/pki/root/tls.crt",
                    "--cluster-signing-key-file=/etc/kubernetes/pki/root/tls.key", "--kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig",
                    "--authorization-kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig",
                    "--authentication-kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig", "--leader-elect=false",
                    "--root-ca-file=/etc/kubernetes/pki/root/tls.crt", "--service-account-private-key-file=/etc/kubernetes/pki/service-account/tls.key",
                    "--service-cluster-ip-range=10.32.0.0/24", "--use-service-account-credentials=true",
                    "--experimental-cluster-signing-duration=87600h", "--node-monitor-grace-period=200s", "--controllers=*,-nodelifecycle",
                    $"--kube-api-qps={ControllerManagerApiQps}", $"--kube-api-burst={2 * ControllerManagerApiQps}", "--v=2",
                ],
                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 10252, Scheme = "HTTP" }, FailureThreshold = 8, InitialDelaySeconds = 15, PeriodSeconds = 10, TimeoutSeconds = 15 },
                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 10252, Path = "/healthz", Scheme = "HTTP" }, FailureThreshold = 8, PeriodSeconds = 1, TimeoutSeconds = 15 },
                VolumeMounts =
                [
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/root", Name = "root-ca", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/pki/service-account", Name = "serviceaccount-rsa", ReadOnlyProperty = true },
                    new V1VolumeMount { MountPath = "/etc/kubernetes/kubeconfig", Name = "kubeconfig", ReadOnlyProperty = true },
                ],
            },
        ],
        Volumes = [Secret("root-ca"), Secret("serviceaccount-rsa"), Secret("kubeconfig", "controller-manager-kubeconfig")],
    });

    /// <summary>One replica, replaced only when its pod is deleted (<c>OnDelete</c>), its pods labelled <c>component-name</c>.</summary>
    private static V1StatefulSet StatefulSet(string name, string serviceName, int? revisionHistoryLimit, V1PodSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1StatefulSetSpec
        {
            Replicas = 1,
            RevisionHistoryLimit = revisionHistoryLimit,
            ServiceName = serviceName,
            Selector = new V1LabelSelector { MatchLabels = Selector(name) },
            UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "OnDelete" },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = Selector(name) }, Spec = pod },
        },
    };

    private static Dictionary<string, string> Selector(string component) => new() { ["component-name"] = component };

    private static V1HTTPGetAction EtcdHealth() => new() { Path = "/health", Port = EtcdHealthPort, Scheme = "HTTP" };

    private static V1Volume Secret(string name, string? secretName = null) =>
        new() { Name = name, Secret = new V1SecretVolumeSource { DefaultMode = 420, SecretName = secretName ?? name } };
}
