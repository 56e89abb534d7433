using k8s;
using VcLab.Hosting;
using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Target;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;
using VcLab.Testing;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Testing;

/// <summary>The installer's tenant stages (cluster-version, virtual-cluster) on the lab, as a role user runs them.</summary>
[Collection(LabCollection.Name)]
public sealed class TenantStagesFunctionalTests(VcLabFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Install_WithATenant_WritesAClusterVersion_TenantRunning_KubeconfigWorks_SecondRunUnchanged()
    {
        // Given the lab's settings and a tenant to create
        var name = $"t-stages-{Guid.NewGuid().ToString("N")[..5]}";
        var settings = Settings(name, clusterVersion: "cv-super-cluster");

        // When the tenant stages run
        var run = await RunAsync(settings);

        // Then the ClusterVersion is there, the tenant Running, and its kubeconfig (owner-only) reaches its API server
        try
        {
            Assert.True(run.Succeeded, run.ToString());
            Assert.Equal(StageStatus.Changed, run[StageNames.VirtualCluster].Status);

            // And its images, given by no setting, are the super cluster's own, read from its control plane's static pods
            var clusterVersion = run[StageNames.ClusterVersion].Message;
            Assert.Contains($"etcd {lab.Cluster.ControlPlaneImage}, kube-apiserver {lab.Cluster.ControlPlaneImage}", clusterVersion, StringComparison.Ordinal);
            Assert.Contains("(from the super cluster's control-plane pods)", clusterVersion, StringComparison.Ordinal);
            var kubeconfig = settings["VirtualCluster:Tenant:KubeconfigPath"]!;
            Assert.Contains(kubeconfig, run[StageNames.VirtualCluster].Message, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
            using var tenant = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            Assert.Contains((await tenant.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items, item => item.Metadata.Name == "kube-system");

            // And a second run changes nothing
            var second = await RunAsync(settings);
            Assert.True(second.Succeeded, second.ToString());
            Assert.Equal(StageStatus.Ok, second[StageNames.ClusterVersion].Status);
            Assert.Equal(StageStatus.Ok, second[StageNames.VirtualCluster].Status);
        }
        finally
        {
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", name, TimeSpan.FromMinutes(3), Token);
        }
    }

    [Fact]
    [Fault]
    public async Task VirtualCluster_ImageNoWorkerHas_FailsNamingTheImagePodAndNode_AndLeavesNothing()
    {
        // Given a ClusterVersion whose etcd image no worker has
        var name = $"t-broken-{Guid.NewGuid().ToString("N")[..5]}";
        var settings = Settings(name, clusterVersion: $"cv-{name}");
        settings["VirtualCluster:Tenant:EtcdImage"] = "vclab/no-such-etcd:none";
        settings["VirtualCluster:Tenant:TimeoutSeconds"] = "120";

        // When the tenant stages run
        var run = await RunAsync(settings);

        // Then virtual-cluster fails naming the image, the pod and its node, and the VirtualCluster is deleted again: gone
        // within a minute, though its control plane never came up (vc-manager stops waiting for it, see patch-source)
        var stage = run[StageNames.VirtualCluster];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains("vclab/no-such-etcd:none", stage.Message, StringComparison.Ordinal);
        Assert.Matches("pod [a-z0-9-]+/etcd-0 on node [a-z0-9-]+", stage.Message);
        var tenants = new VirtualClusters(lab.Client, TimeProvider.System);
        await Wait.UntilAsync(
            $"VirtualCluster default/{name} is gone",
            async token => await tenants.FindAsync("default", name, token) is { } left
                ? Wait.Probe.Waiting(left.Metadata.DeletionTimestamp is not null ? "being deleted" : "there, not being deleted")
                : Wait.Probe.Ready("gone"),
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeProvider.System, Token);
        await lab.Client.CustomObjects.DeleteClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, "clusterversions", $"cv-{name}", cancellationToken: Token);
    }

    [Fact]
    [BadInput]
    public async Task Install_TenantNameTakenByAnotherInstall_RejectedInValidateNamingTheSetting_NothingCreated()
    {
        // Given a VirtualCluster that someone else created (no managed-by label of this installer)
        var name = $"t-taken-{Guid.NewGuid().ToString("N")[..5]}";
        await HandMadeVirtualCluster.CreateAsync(lab.Client, name, Token, new Dictionary<string, string> { [VcLab.Installer.Kubernetes.Ownership.ManagedByLabel] = "someone-else" });
        var settings = Settings(name, clusterVersion: $"cv-{name}");

        try
        {
            // When an install that would create a tenant of that name runs
            var run = await InProcessInstaller.RunAsync(
                Target, settings, StageSelection.Parse($"{StageNames.Validate},{StageNames.ClusterVersion},{StageNames.VirtualCluster}", null), checkMode: false, log: null, Token);

            // Then validate rejects it naming the setting and the owner, and nothing was created or changed
            Assert.Equal(StageStatus.Failed, run[StageNames.Validate].Status);
            Assert.Contains($"VirtualCluster:Tenant:Name '{name}' is taken", run[StageNames.Validate].Message, StringComparison.Ordinal);
            Assert.Contains("'someone-else'", run[StageNames.Validate].Message, StringComparison.Ordinal);
            Assert.Equal(StageStatus.NotRun, run[StageNames.ClusterVersion].Status);
            Assert.Equal(StageStatus.NotRun, run[StageNames.VirtualCluster].Status);
            var tenants = new VirtualClusters(lab.Client, TimeProvider.System);
            var still = await tenants.FindAsync("default", name, Token);
            Assert.Equal("someone-else", still!.Metadata.Labels[VcLab.Installer.Kubernetes.Ownership.ManagedByLabel]);
            var written = await lab.Client.CustomObjects.ListClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, "clusterversions", cancellationToken: Token);
            Assert.DoesNotContain($"\"cv-{name}\"", written.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(settings["VirtualCluster:Tenant:KubeconfigPath"]));
        }
        finally
        {
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", name, TimeSpan.FromMinutes(3), Token);
        }
    }

    private static Dictionary<string, string?> Settings(string name, string clusterVersion)
    {
        var settings = new Dictionary<string, string?>
        {
            ["VirtualCluster:ConfigDir"] = TestFolders.Create("vclab-tenant-"),
            ["VirtualCluster:Tenant:Create"] = "true",
            ["VirtualCluster:Tenant:Name"] = name,
            ["VirtualCluster:Tenant:ClusterVersion"] = clusterVersion,
        };
        settings["VirtualCluster:Tenant:KubeconfigPath"] = Path.Combine(settings["VirtualCluster:ConfigDir"]!, $"{name}.kubeconfig");
        return settings;
    }

    /// <summary>The lab's super cluster alone: these runs create tenants, they build nothing.</summary>
    private InstallTarget Target => new(LabInstallTarget.For(lab.Cluster));

    private Task<InstallRecap> RunAsync(Dictionary<string, string?> settings) =>
        InProcessInstaller.RunAsync(Target, settings, StageSelection.Parse($"{StageNames.ClusterVersion},{StageNames.VirtualCluster}", null), checkMode: false, log: null, Token);
}
