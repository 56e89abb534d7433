using k8s;
using k8s.Models;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
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
    public async Task Install_FromTheUpstreamSource_RealComponentsWork_ASecondRunChangesNothing()
    {
        // Given the lab, installed from the upstream source (the offline bundle where VCLAB_UPSTREAM_DIR names it)
        var install = lab.Install!;

        // Then the role's five fixes and VcLab's two were applied to the checkout and the real binaries built from it
        Assert.Equal(StageStatus.Changed, install[StageNames.PatchSource].Status);
        Assert.Contains("7 of 7 fixes applied", install[StageNames.PatchSource].Message, StringComparison.Ordinal);
        Assert.Equal(StageStatus.Changed, install[StageNames.BuildBinaries].Status);
        var head = await ExecAsync(lab.BuildContainer.ContainerId, "git -C /tmp/cluster-api-provider-nested rev-parse HEAD && git -C /tmp/cluster-api-provider-nested rev-parse origin/main");
        Assert.Equal(head[1], head[0]);
        if (lab.BuildContainer.OfflineUpstreamDir is not null)
        {
            Assert.Equal("4d19ac600cbb70ed9b6e1712b2cbad104f3ca115", head[0]);
        }

        // And what the components do: vc-manager serves its webhook, both controllers lead, vn-agent answers on every worker
        Assert.Contains("webhook served", install[StageNames.Verify].Message, StringComparison.Ordinal);
        var webhook = await lab.Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("virtualcluster-validating-webhook-configuration", cancellationToken: Token);
        Assert.Equal("virtualcluster-webhook-service", webhook.Webhooks.Single().ClientConfig.Service.Name);
        Assert.Contains($"vn-agent answering on {lab.Cluster.Workers.Count()}/{lab.Cluster.Workers.Count()} workers", install[StageNames.Verify].Message, StringComparison.Ordinal);

        // And vn-agent holds the super cluster's kubelet client certificate (the control plane's own file)
        var secret = await lab.Client.CoreV1.ReadNamespacedSecretAsync("vn-agent-kubelet-client", "vc-manager", cancellationToken: Token);
        var onControlPlane = await ExecAsync(lab.Cluster.ControlPlane.ContainerId, "cat /etc/kubernetes/pki/apiserver-kubelet-client.crt");
        Assert.Equal(string.Join('\n', onControlPlane), System.Text.Encoding.UTF8.GetString(secret.Data["client.crt"]).TrimEnd('\n'));

        // When the installer runs again
        var second = await lab.RunInstallerAsync(Token);

        // Then nothing changes: fixes already there, binaries and images reused, every object unchanged
        Assert.True(second.Succeeded, second.ToString());
        Assert.All(second.Stages, stage => Assert.NotEqual(StageStatus.Changed, stage.Status));
        Assert.Contains("all 7 fixes already in the tree", second[StageNames.PatchSource].Message, StringComparison.Ordinal);
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

    private async Task<string[]> ExecAsync(string container, string command)
    {
        var result = await lab.Containers.ExecAsync(container, ["sh", "-c", command], Token);
        Assert.True(result.Succeeded, $"{command}: {result.StandardError}");
        return result.StandardOutput.TrimEnd('\n').Split('\n');
    }
}
