using k8s;
using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>
/// The super cluster from k3s, where the rancher/k3s image can be had (present in the engine, or pulled). Where it
/// cannot (no registry, as on the machines VcLab is built on), the test is skipped, visibly, with the reason.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class K3sSuperClusterFunctionalTests(DockerFixture docker)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_K3s_ThreeNodesReady_SshAndCtrOnEveryNode_DeleteLeavesNothing()
    {
        // Given k3s chosen, where its image can be had
        var options = new SuperClusterOptions { Name = $"vc3-{docker.RunId[..6]}", Distribution = ClusterDistribution.K3s };
        await SkipUnlessAvailableAsync(options);
        var teardown = new SuperClusterTeardown(docker.Containers, docker.Log);
        try
        {
            // When the cluster is created
            var cluster = await new SuperClusterProvisioner(docker.Containers, docker.Images, docker.ImageBuilder, docker.Log).CreateAsync(options, Token);

            // Then its three nodes are Ready, the control plane labelled as such, and the kubeconfig works from here
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
            var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: Token)).Items;
            Assert.Equal(options.NodeNames().Select(node => node.Name).Order(), nodes.Select(node => node.Metadata.Name).Order());
            Assert.All(nodes, node => Assert.True(ClusterReadiness.IsReady(node), node.Metadata.Name));
            Assert.Contains("node-role.kubernetes.io/control-plane", nodes.Single(node => node.Metadata.Name == cluster.ControlPlane.Name).Metadata.Labels.Keys);

            // And the control plane reaches every worker over ssh as the role's user, and ctr reaches each worker's containerd
            foreach (var worker in cluster.Workers)
            {
                var ssh = await docker.Containers.ExecAsync(
                    cluster.ControlPlane.ContainerId,
                    ["su", "-", cluster.SshUser, "-c", $"ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new {worker.Name} 'sudo -n ctr -n k8s.io images ls -q >/dev/null && echo ctr-ok'"],
                    Token);
                Assert.True(ssh.Succeeded, ssh.StandardError);
                Assert.Contains("ctr-ok", ssh.StandardOutput, StringComparison.Ordinal);
            }

            // When it is deleted, then nothing of it is left
            await teardown.DeleteAsync(options.Name, options.StateDirectory, Token);
            Assert.Empty(await docker.Containers.ListByLabelAsync(VcLab.Hosting.SuperCluster.SuperCluster.ClusterLabel, options.Name, Token));
            Assert.Null(await docker.Containers.FindNetworkLabelsAsync(options.Name, Token));
        }
        finally
        {
            await teardown.DeleteAsync(options.Name, options.StateDirectory, Token);
        }
    }

    private async Task SkipUnlessAvailableAsync(SuperClusterOptions options)
    {
        try
        {
            await DistributionChoice.ReasonAsync(options, docker.Images, docker.Log, Token);
        }
        catch (SuperClusterException unavailable)
        {
            Assert.Skip($"k3s cannot run here: {unavailable.Message}");
        }
    }
}
