using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Tenants;

/// <summary>
/// What pause and resume stop, keep and start again (<see cref="TenantPause"/>), on a super cluster in memory; the
/// tenant commands' functional test pauses and resumes a real tenant.
/// </summary>
public sealed class TenantPauseTests
{
    private const string ControlPlane = "default-abc123-t1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _journal = [];
    private readonly InMemoryTenancyApi _api;
    private readonly InMemorySuperClusterObjects _cluster;

    public TenantPauseTests()
    {
        _api = new InMemoryTenancyApi(_journal);
        _cluster = new InMemorySuperClusterObjects(_journal);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PauseThenResume_StopsTheApiServerControllerManagerAndSyncedPods_KeepsEtcd_ThenStartsThemAgain()
    {
        // Given a Running tenant t1 with its control plane and a pod of its own synced onto the super cluster, beside
        // another tenant's pod
        AddRunningTenant();
        _cluster.AddNamespace("default-def456-t2-default", Guid.NewGuid().ToString());
        _cluster.AddPod($"{ControlPlane}-default", "web");
        _cluster.AddPod("default-def456-t2-default", "theirs");
        var tenants = new VirtualClusters(_api, _cluster, TimeProvider.System);
        var pause = new TenantPause(_api, _cluster, TimeProvider.System);

        // When it is paused
        await pause.PauseAsync((await tenants.SummaryAsync("default", "t1", Token))!, Timeout, Token);

        // Then its API server and controller manager are at zero and its synced pod is stopped; etcd (which holds its
        // objects) and the other tenant's pod run on; it is marked paused
        Assert.Equal(["etcd-0", "theirs"], _cluster.Pods.Select(pod => pod.Metadata.Name));
        Assert.Contains($"pods of {ControlPlane}-default deleted", _journal);
        Assert.DoesNotContain(_journal, line => line.Contains("t2", StringComparison.Ordinal) || line.Contains($"StatefulSet {ControlPlane}/etcd", StringComparison.Ordinal));
        var paused = (await tenants.SummaryAsync("default", "t1", Token))!;
        Assert.True(paused.Paused);

        // When it is resumed
        await pause.ResumeAsync(paused, Timeout, Token);

        // Then both are scaled back to one and ready, and the mark is gone
        Assert.All(_cluster.StatefulSets, set => Assert.Equal(1, set.Status.ReadyReplicas));
        Assert.Equal(
            [$"StatefulSet {ControlPlane}/apiserver scaled to 1", $"StatefulSet {ControlPlane}/controller-manager scaled to 1", $"VirtualCluster default/t1 annotated {TenantSummary.PausedAnnotation}=(removed)"],
            _journal.TakeLast(3));
        Assert.False((await tenants.SummaryAsync("default", "t1", Token))!.Paused);
    }

    [Fact]
    public async Task Pause_APodTheSyncerMakesAgain_IsDeletedAgain()
    {
        // Given a Running tenant whose synced pod comes back once under a new name after it is deleted
        AddRunningTenant();
        _cluster.AddPod($"{ControlPlane}-default", "web-1");
        _cluster.MadeAgainOnce.Add(_cluster.AddPod($"{ControlPlane}-default", "web-2"));
        _cluster.Pods.RemoveAll(pod => pod.Metadata.Name == "web-2");
        var tenant = (await new VirtualClusters(_api, _cluster, TimeProvider.System).SummaryAsync("default", "t1", Token))!;

        // When it is paused
        await new TenantPause(_api, _cluster, TimeProvider.System).PauseAsync(tenant, Timeout, Token);

        // Then the pod made again was deleted too, after the control plane was scaled down; etcd runs on
        Assert.Equal(["etcd-0"], _cluster.Pods.Select(pod => pod.Metadata.Name));
        Assert.Equal(
            [$"StatefulSet {ControlPlane}/apiserver scaled to 0", $"StatefulSet {ControlPlane}/controller-manager scaled to 0", $"pods of {ControlPlane}-default deleted", $"pods of {ControlPlane}-default deleted"],
            _journal.Where(line => !line.StartsWith("VirtualCluster", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pause_ControlPlanePodsStoppedButNotLetGoOf_AreRemovedAtOnce()
    {
        // Given a Running tenant on a super cluster whose kubelet keeps stopped pods for a while
        AddRunningTenant();
        _cluster.StoppedPodsLinger = true;
        var tenant = (await new VirtualClusters(_api, _cluster, TimeProvider.System).SummaryAsync("default", "t1", Token))!;

        // When it is paused
        await new TenantPause(_api, _cluster, TimeProvider.System).PauseAsync(tenant, Timeout, Token);

        // Then its stopped API server and controller manager pods were removed, not waited out; etcd's is untouched
        Assert.Equal(["etcd-0"], _cluster.Pods.Select(pod => pod.Metadata.Name));
        Assert.Contains($"pod {ControlPlane}/apiserver-0 removed", _journal);
        Assert.Contains($"pod {ControlPlane}/controller-manager-0 removed", _journal);
    }

    [Fact]
    public async Task Pause_AControlPlaneWithoutTheStatefulSetsVcLabWrites_SaysSo()
    {
        var t1 = _api.Add("default", "t1");
        t1.Status = new VirtualClusterStatus { Phase = "Running", ClusterNamespace = ControlPlane };
        var tenant = (await new VirtualClusters(_api, _cluster, TimeProvider.System).SummaryAsync("default", "t1", Token))!;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TenantPause(_api, _cluster, TimeProvider.System).PauseAsync(tenant, Timeout, Token));

        Assert.Equal($"StatefulSet {ControlPlane}/apiserver is not there: this tenant's control plane is not the one VcLab's ClusterVersion describes.", error.Message);
    }

    /// <summary>Tenant t1, Running: its control plane's StatefulSets with a pod each, and a namespace of its synced onto the super cluster.</summary>
    private void AddRunningTenant()
    {
        var t1 = _api.Add("default", "t1");
        t1.Status = new VirtualClusterStatus { Phase = "Running", ClusterNamespace = ControlPlane };
        _cluster.AddNamespace(ControlPlane, t1.Metadata.Uid);
        _cluster.AddNamespace($"{ControlPlane}-default", t1.Metadata.Uid);
        foreach (var component in (string[])["etcd", "apiserver", "controller-manager"])
        {
            _cluster.AddStatefulSet(ControlPlane, component, ready: 1);
            _cluster.AddPod(ControlPlane, $"{component}-0", component);
        }
    }
}
