using System.Net;
using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// Cluster DNS as kubeadm sets it up: CoreDNS in kube-system (ServiceAccount, ClusterRole <c>system:coredns</c>,
/// ConfigMap and Deployment <c>coredns</c>) behind Service <c>kube-dns</c>, other names forwarded to an upstream resolver:
/// the lab's super cluster's (forwarding to this machine's nameserver) and every tenant's (forwarding to the super
/// cluster's DNS). Its pods are given 10 s to stop, not 30.
/// </summary>
public static class CoreDns
{
    public const string Name = "coredns";
    public const string ServiceName = "kube-dns";
    private const string Ns = "kube-system";

    /// <summary>The Corefile: kubeadm's, with <c>forward</c> to <paramref name="upstream"/> (left out when null).</summary>
    public static string Corefile(string? upstream) => $$"""
        .:53 {
            errors
            health {
               lameduck 5s
            }
            ready
            kubernetes cluster.local in-addr.arpa ip6.arpa {
               pods insecure
               fallthrough in-addr.arpa ip6.arpa
               ttl 30
            }
            prometheus :9153
        {{(upstream is null ? string.Empty : $"    forward . {upstream} {{\n       max_concurrent 1000\n    }}\n")}}    cache 30
            loop
            reload
            loadbalance
        }
        """ + "\n";

    /// <summary>A client of the cluster a kubeconfig file reaches (a tenant's).</summary>
    public static IKubernetes ClientFor(string kubeconfigPath) =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));

    /// <summary>A client of the cluster a kubeconfig's text reaches (a tenant's, before its kubeconfig file is written).</summary>
    public static async Task<IKubernetes> ClientForTextAsync(string kubeconfig)
    {
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
        return new k8s.Kubernetes(await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(text));
    }

    /// <summary>
    /// Deploys CoreDNS into a cluster: with <paramref name="serviceAddress"/> for kube-dns (the super cluster's), or any (a
    /// tenant's). What is there already is kept (a re-attached tenant has its DNS), and readiness is awaited either way.
    /// </summary>
    public static async Task DeployAsync(IKubernetes client, string image, string? upstream, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, string? serviceAddress = null)
    {
        await CreateSupportAsync(client, upstream, serviceAddress, cancellationToken);
        await CreateDeploymentAsync(client, image, cancellationToken);
        await WaitReadyAsync(client, timeout, time, cancellationToken);
    }

    /// <summary>
    /// What CoreDNS's Deployment needs, each created unless it is there already: its ServiceAccount and the rights it is
    /// bound to, its ConfigMap (the Corefile) and Service <c>kube-dns</c>.
    /// </summary>
    public static async Task CreateSupportAsync(IKubernetes client, string? upstream, string? serviceAddress, CancellationToken cancellationToken)
    {
        await KeepIfPresentAsync(() => client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns } }, Ns, cancellationToken: cancellationToken));
        await KeepIfPresentAsync(() => client.RbacAuthorizationV1.CreateClusterRoleAsync(
            new V1ClusterRole
            {
                Metadata = new V1ObjectMeta { Name = "system:coredns" },
                Rules =
                [
                    new V1PolicyRule { ApiGroups = [""], Resources = ["endpoints", "services", "pods", "namespaces"], Verbs = ["list", "watch"] },
                    new V1PolicyRule { ApiGroups = [""], Resources = ["nodes"], Verbs = ["get"] },
                    new V1PolicyRule { ApiGroups = ["discovery.k8s.io"], Resources = ["endpointslices"], Verbs = ["list", "watch"] },
                ],
            },
            cancellationToken: cancellationToken));
        await KeepIfPresentAsync(() => client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(
            new V1ClusterRoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "system:coredns" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "system:coredns" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Name, NamespaceProperty = Ns }],
            },
            cancellationToken: cancellationToken));
        await KeepIfPresentAsync(() => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns }, Data = new Dictionary<string, string> { ["Corefile"] = Corefile(upstream) } },
            Ns,
            cancellationToken: cancellationToken));
        await KeepIfPresentAsync(() => client.CoreV1.CreateNamespacedServiceAsync(Service(serviceAddress), Ns, cancellationToken: cancellationToken));
    }

    /// <summary>CoreDNS's Deployment, unless it is there already.</summary>
    public static Task CreateDeploymentAsync(IKubernetes client, string image, CancellationToken cancellationToken) =>
        KeepIfPresentAsync(() => client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(image), Ns, cancellationToken: cancellationToken));

    /// <summary>Waits for CoreDNS's Deployment to have a ready pod (its log quoted when it has none in time).</summary>
    public static Task WaitReadyAsync(IKubernetes client, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        DeploymentReadiness.WaitAsync(client, Ns, Name, timeout, time, cancellationToken);

    /// <summary>The name of the token Secret of CoreDNS's ServiceAccount, or null until the cluster's token controller has made it.</summary>
    public static async Task<string?> TokenSecretAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var account = await client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns, cancellationToken: cancellationToken);
        return account.Secrets?.FirstOrDefault()?.Name;
    }

    private static V1Deployment Deployment(string image)
    {
        var labels = new Dictionary<string, string> { ["k8s-app"] = ServiceName };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Ns, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = Name,
                        PriorityClassName = "system-cluster-critical",

                        // kubeadm leaves the default 30 s; CoreDNS stops 5 s after SIGTERM (lameduck 5s), and a namespace's
                        // deletion waits out the longest grace period of its pods (a tenant's deletion: 10 s more).
                        TerminationGracePeriodSeconds = 10,
                        DnsPolicy = "Default",
                        Tolerations =
                        [
                            new V1Toleration { Key = "CriticalAddonsOnly", OperatorProperty = "Exists" },
                            new V1Toleration { Key = "node-role.kubernetes.io/master", Effect = "NoSchedule" },
                            new V1Toleration { Key = "node-role.kubernetes.io/control-plane", Effect = "NoSchedule" },
                        ],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = Name,
                                Image = image,
                                ImagePullPolicy = "IfNotPresent",
                                Args = ["-conf", "/etc/coredns/Corefile"],
                                Ports =
                                [
                                    new V1ContainerPort { Name = "dns", ContainerPort = 53, Protocol = "UDP" },
                                    new V1ContainerPort { Name = "dns-tcp", ContainerPort = 53, Protocol = "TCP" },
                                    new V1ContainerPort { Name = "metrics", ContainerPort = 9153, Protocol = "TCP" },
                                ],
                                VolumeMounts = [new V1VolumeMount { Name = "config-volume", MountPath = "/etc/coredns", ReadOnlyProperty = true }],
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health", Port = 8080 }, InitialDelaySeconds = 60, TimeoutSeconds = 5, FailureThreshold = 5 },

                                // Asked every second (kubeadm: every 10 s): a tenant's creation waits for its DNS to be ready.
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = 8181 }, PeriodSeconds = 1 },
                                SecurityContext = new V1SecurityContext
                                {
                                    AllowPrivilegeEscalation = false,
                                    Capabilities = new V1Capabilities { Add = ["NET_BIND_SERVICE"], Drop = ["all"] },
                                    ReadOnlyRootFilesystem = true,
                                },
                            },
                        ],
                        Volumes = [new V1Volume { Name = "config-volume", ConfigMap = new V1ConfigMapVolumeSource { Name = Name, Items = [new V1KeyToPath { Key = "Corefile", Path = "Corefile" }] } }],
                    },
                },
            },
        };
    }

    private static V1Service Service(string? address) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ServiceName,
            NamespaceProperty = Ns,
            Labels = new Dictionary<string, string> { ["k8s-app"] = ServiceName, ["kubernetes.io/name"] = "CoreDNS" },
        },
        Spec = new V1ServiceSpec
        {
            ClusterIP = address,
            Selector = new Dictionary<string, string> { ["k8s-app"] = ServiceName },
            Ports =
            [
                new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP" },
                new V1ServicePort { Name = "dns-tcp", Port = 53, Protocol = "TCP" },
                new V1ServicePort { Name = "metrics", Port = 9153, Protocol = "TCP" },
            ],
        },
    };

    private static async Task KeepIfPresentAsync<T>(Func<Task<T>> create)
    {
        try
        {
            await create();
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }
}
