using k8s;
using k8s.Models;
using VcLab.Installer.Waiting;

namespace VcLab.Tests.Infrastructure;

/// <summary>Small workloads for cluster tests, and waits on them with a bound.</summary>
public static class Workloads
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static V1Deployment Deployment(string name, string image, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(name, image),
        },
    };

    /// <summary>A DaemonSet kept off control-plane nodes by node affinity on both role labels, as vn-agent is.</summary>
    public static V1DaemonSet WorkerDaemonSet(string name, string image)
    {
        var template = Template(name, image);
        template.Spec.Affinity = new V1Affinity
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
                                new V1NodeSelectorRequirement { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "DoesNotExist" },
                                new V1NodeSelectorRequirement { Key = "node-role.kubernetes.io/master", OperatorProperty = "DoesNotExist" },
                            ],
                        },
                    ],
                },
            },
        };
        return new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = template,
            },
        };
    }

    public static V1Pod OneShotPod(string name, string image, IList<string> args) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            RestartPolicy = "Never",
            Containers = [new V1Container { Name = name, Image = image, Args = args, ImagePullPolicy = "Never" }],
        },
    };

    public static async Task<IReadOnlyList<V1Pod>> WaitForRunningPodsAsync(IKubernetes client, string ns, int expected, CancellationToken cancellationToken)
    {
        IReadOnlyList<V1Pod> running = [];
        await Wait.UntilAsync($"{expected} pods Running in {ns}", async token =>
        {
            var pods = (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: token)).Items;
            running = [.. pods.Where(pod => pod.Status?.Phase == "Running")];
            return running.Count >= expected
                ? Wait.Probe.Ready("running")
                : Wait.Probe.Waiting($"{running.Count} Running: {string.Join("; ", pods.Select(pod => $"{pod.Metadata.Name} on {pod.Spec.NodeName}: {pod.Status?.Phase} {Reason(pod)}"))}");
        }, Timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        return running;
    }

    public static Task<string> WaitForPodCompletionAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken) =>
        Wait.UntilAsync($"pod {ns}/{name} completes", async token =>
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: token);
            return pod.Status?.Phase is "Succeeded" or "Failed" ? Wait.Probe.Ready(pod.Status.Phase) : Wait.Probe.Waiting($"{pod.Status?.Phase} {Reason(pod)}");
        }, Timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);

    /// <summary>
    /// The address a tenant's Service has on the super cluster, once VirtualCluster's syncer has written it into the tenant's
    /// Service (annotation <c>transparency.tenancy.x-k8s.io/clusterIP</c>): the address the tenant's DNS answers with.
    /// </summary>
    public static Task<string> WaitForSuperClusterAddressAsync(IKubernetes tenant, string ns, string name, CancellationToken cancellationToken) =>
        Wait.UntilAsync($"the tenant's Service {ns}/{name} carries its super-cluster address", async token =>
        {
            var service = await tenant.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: token);
            return service.Metadata.Annotations?.TryGetValue("transparency.tenancy.x-k8s.io/clusterIP", out var address) == true && address.Length > 0
                ? Wait.Probe.Ready(address)
                : Wait.Probe.Waiting("not yet written by the syncer");
        }, Timeout, TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);

    public static async Task<string> ReadLogAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(name, ns, cancellationToken: cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string Reason(V1Pod pod) =>
        string.Join(",", pod.Status?.ContainerStatuses?.Select(status => status.State?.Waiting?.Reason ?? status.State?.Terminated?.Reason) ?? []);

    private static V1PodTemplateSpec Template(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = name, Image = image, ImagePullPolicy = "Never" }],
        },
    };
}
