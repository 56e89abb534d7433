using k8s;
using k8s.Models;

namespace VcLab.Testing.Sample;

/// <summary>What a suite for a multi-tenant workload would check, each test in a tenant cluster of its own.</summary>
[Collection(LabCollection.Name)]
public sealed class TenantTests(VcLabFixture lab)
{
    private const string Image = "debian:bookworm-slim";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployment_InATenantOfItsOwn_RunsOnTheSuperClustersWorkers()
    {
        // Given a tenant of this test's own, and the image on every worker (the lab builds it, no registry needed)
        await using var tenant = await lab.CreateTenantAsync(Token);
        await lab.LoadImageAsync(Image, Token);

        // When a Deployment is created through the tenant's API server
        await tenant.Client.AppsV1.CreateNamespacedDeploymentAsync(Greeter(), "default", cancellationToken: Token);

        // Then the tenant sees its pod Running and reads its log
        var pod = await Eventually.GetAsync(
            "the greeter pod to run in the tenant",
            async () => (await tenant.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=greeter", cancellationToken: Token))
                .Items.FirstOrDefault(item => item.Status?.Phase == "Running"),
            Token);
        var log = await Eventually.GetAsync(
            "the greeter's log",
            async () =>
            {
                using var reader = new StreamReader(await tenant.Client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, "default", cancellationToken: Token));
                var text = await reader.ReadToEndAsync(Token);
                return text.Contains("hello from", StringComparison.Ordinal) ? text : null;
            },
            Token);
        Assert.Contains($"hello from {pod.Metadata.Name}", log, StringComparison.Ordinal);

        // And the super cluster runs it on one of its workers, in the namespace that stands for the tenant's default
        var onSuperCluster = (await lab.Client.CoreV1.ListNamespacedPodAsync(tenant.SuperNamespaceOf("default"), labelSelector: "app=greeter", cancellationToken: Token)).Items;
        var placed = Assert.Single(onSuperCluster);
        Assert.Contains(lab.Cluster.Workers, worker => worker.Name == placed.Spec.NodeName);
    }

    [Fact]
    public async Task Namespace_InATenant_IsItsOwn_AndTheSuperClustersStayHidden()
    {
        // Given a tenant of this test's own (not the previous test's: that one is deleted)
        await using var tenant = await lab.CreateTenantAsync(Token);

        // When a namespace is created in it
        await tenant.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } }, cancellationToken: Token);

        // Then the tenant lists it, and none of the super cluster's own (such as the one holding the tenant's control plane)
        var names = (await tenant.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.Select(item => item.Metadata.Name).ToList();
        Assert.Contains("team-a", names);
        Assert.DoesNotContain(tenant.ClusterNamespace, names);

        // And the syncer makes its counterpart on the super cluster, under the tenant's prefix
        var superName = tenant.SuperNamespaceOf("team-a");
        await Eventually.GetAsync(
            $"namespace {superName} on the super cluster",
            async () => (await lab.Client.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={superName}", cancellationToken: Token)).Items.FirstOrDefault(),
            Token);
    }

    private static V1Deployment Greeter() => new()
    {
        Metadata = new V1ObjectMeta { Name = "greeter" },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "greeter" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "greeter" } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "greeter",
                            Image = Image,
                            ImagePullPolicy = "IfNotPresent",
                            Command = ["sh", "-c", "echo \"hello from $(hostname)\"; trap 'exit 0' TERM; while :; do sleep 1; done"],
                        },
                    ],
                },
            },
        },
    };
}
