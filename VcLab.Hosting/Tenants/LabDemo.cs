using k8s;
using k8s.Models;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Kubernetes;
using VcLab.Hosting.SuperCluster;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;

namespace VcLab.Hosting.Tenants;

/// <summary>
/// The demo (<c>--Parameters:demo=true</c>): in a tenant's <c>default</c> namespace, a web page that says which tenant,
/// pod and node it runs in (image built here <c>FROM debian:bookworm-slim</c> and side-loaded onto the workers, no
/// registry), behind a NodePort Service. Its address from this machine is a worker's with the node port of the
/// Service's copy on the super cluster: the syncer gives that copy a port of its own and does not write it back into
/// the tenant.
/// </summary>
internal sealed class LabDemo(IImageEngine images, IContainerEngine containers, LabImageBuilder imageBuilder, SuperCluster.SuperCluster cluster, TimeProvider time)
{
    public const string Name = "vclab-demo";
    public const string Namespace = "default";
    private const int Port = 8080;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Ownership Owner = LabTenants.Owner;

    /// <summary>Deploys the page into the tenant (or finds it there, on a re-attached lab) and returns its address once it answers.</summary>
    public async Task<Uri> DeployAsync(TenantCluster tenant, IKubernetes superClient, CancellationToken cancellationToken)
    {
        var image = await imageBuilder.EnsureAsync(LabImages.DemoWeb, cancellationToken);
        var saved = await NodeImage.SaveAsync(images, image, cancellationToken);
        var bootstrapper = new NodeBootstrapper(containers);
        await Task.WhenAll(cluster.Workers.Select(worker => bootstrapper.ImportAsync(worker, saved, cancellationToken)));

        using var client = LabClusterApi.Connect(tenant.KubeconfigPath);
        if (await LabClusterApi.CreateUnlessPresentAsync(client, Deployment(tenant.Name, image), cancellationToken) is { } deployment)
        {
            ThrowIfNotOurs(tenant, "Deployment", deployment);
        }

        if (await LabClusterApi.CreateUnlessPresentAsync(client, Service(), cancellationToken) is { } service)
        {
            ThrowIfNotOurs(tenant, "Service", service);
        }

        var superNamespace = $"{tenant.ClusterNamespace}-{Namespace}";
        var nodePort = 0;
        await Wait.UntilAsync($"the demo Service's copy {superNamespace}/{Name} on the super cluster has a node port", async token =>
        {
            var port = await LabClusterApi.NodePortAsync(superClient, superNamespace, Name, token);
            nodePort = port ?? 0;
            return nodePort > 0 ? Wait.Probe.Ready($"port {nodePort}") : Wait.Probe.Waiting(port is null ? "not synced yet" : "no node port yet");
        }, Timeout, TimeSpan.FromSeconds(1), time, cancellationToken);

        var address = new Uri($"http://{cluster.Workers.First().Address}:{nodePort}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync($"the demo page of {tenant.Name} answers at {address}", async token =>
        {
            try
            {
                var page = await http.GetStringAsync(address, token);
                return page.Contains($"tenant {tenant.Name}<", StringComparison.Ordinal) ? Wait.Probe.Ready("answers") : Wait.Probe.Waiting("another page");
            }
            catch (HttpRequestException exception)
            {
                return Wait.Probe.Waiting(exception.Message);
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
                return Wait.Probe.Waiting("no answer within 5 s");
            }
        }, Timeout, TimeSpan.FromSeconds(1), time, cancellationToken);
        return address;
    }

    private static void ThrowIfNotOurs(TenantCluster tenant, string kind, V1ObjectMeta metadata)
    {
        if (!Owner.Owns(metadata.Labels?.AsReadOnly()))
        {
            throw new InvalidOperationException(
                $"The tenant {tenant.Name} has a {kind} {Namespace}/{Name} made by {Ownership.Maker(metadata.Labels?.AsReadOnly())}, not by VcLab: " +
                "the demo leaves it alone. Delete or rename it to see the demo there.");
        }
    }

    private static Dictionary<string, string> Labels() => new(Owner.Labels) { ["app"] = Name };

    private static V1Deployment Deployment(string tenant, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Labels = Labels() },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = Name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Labels() },
                Spec = new V1PodSpec
                {
                    // busybox httpd as PID 1 ignores SIGTERM, and the page holds nothing to save: a tenant's deletion
                    // need not wait the default 30 s for it.
                    TerminationGracePeriodSeconds = 2,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "web",
                            Image = image,
                            ImagePullPolicy = "Never",
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = Port }],
                            Env =
                            [
                                new V1EnvVar { Name = "TENANT", Value = tenant },
                                new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                                new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                new V1EnvVar { Name = "NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                            ],
                            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = Port }, PeriodSeconds = 2 },
                        },
                    ],
                },
            },
        },
    };

    private static V1Service Service() => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Labels = Labels() },
        Spec = new V1ServiceSpec
        {
            Type = "NodePort",
            Selector = new Dictionary<string, string> { ["app"] = Name },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = Port }],
        },
    };
}
