using k8s;
using k8s.Models;
using VcLab.Testing;

namespace VcLab.Tests.Testing;

/// <summary>What another suite gets from <see cref="VcLabFixture"/>: a super cluster with VirtualCluster running, its kubeconfig, a namespace per test.</summary>
[Collection(LabCollection.Name)]
public sealed class VcLabFixtureFunctionalTests(VcLabFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lab_Default_VirtualClusterRunning_VnAgentOnWorkersOnly()
    {
        // Given the default lab, once up
        // Then the installer ran every stage green and its components run, vn-agent on the workers only
        Assert.NotNull(lab.Install);
        Assert.True(lab.Install.Succeeded, lab.Install.ToString());
        var pods = (await lab.Client.CoreV1.ListNamespacedPodAsync("vc-manager", cancellationToken: Token)).Items;
        Assert.All(pods, pod => Assert.Equal("Running", pod.Status.Phase));
        Assert.Equal(["vc-manager", "vc-syncer", "vn-agent", "vn-agent"], pods.Select(pod => pod.Metadata.Labels["app"]).Order());
        Assert.Equal(lab.Cluster.Workers.Select(node => node.Name).Order(), pods.Where(pod => pod.Metadata.Labels["app"] == "vn-agent").Select(pod => pod.Spec.NodeName).Order());
    }

    [Fact]
    public async Task KubeconfigPath_OwnerOnly_ReachesTheApiFromThisMachine()
    {
        // Given the kubeconfig the lab hands out
        var mode = File.GetUnixFileMode(lab.KubeconfigPath);

        // When a client of the suite's own is made from it
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(lab.KubeconfigPath));
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: Token)).Items;

        // Then it is readable by its owner only and lists the lab's nodes
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(lab.Cluster.Nodes.Select(node => node.Name).Order(), nodes.Select(node => node.Metadata.Name).Order());
    }

    [Fact]
    public async Task CreateNamespaceAsync_ForTheRunningTest_NamedAfterIt_DeletedWhenDisposed()
    {
        // Given a namespace of this test's own, with something in it
        string name;
        await using (var ns = await lab.CreateNamespaceAsync(Token))
        {
            name = ns.Name;
            await lab.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "probe" } }, ns.Name, cancellationToken: Token);

            // Then it is named and labelled after the test
            Assert.StartsWith("t-createnamespaceasync-fortherunningtest-", name, StringComparison.Ordinal);
            var created = await lab.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: Token);
            Assert.StartsWith("createnamespaceasync-fortherunningtest", created.Metadata.Labels[LabNamespace.TestLabel], StringComparison.Ordinal);
        }

        // When it is disposed, then it is being deleted (or gone)
        var after = (await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items.SingleOrDefault(item => item.Metadata.Name == name);
        Assert.True(after is null || after.Status.Phase == "Terminating", $"namespace {name} is {after?.Status.Phase}");
    }
}
