using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Tenants;

/// <summary>
/// A tenant's creation and deletion decided by <see cref="VirtualClusters"/> (what is created, followed, deleted again,
/// and which namespaces go with it), on a super cluster in memory; the functional tests make and delete real tenants.
/// </summary>
public sealed class VirtualClustersTests : IDisposable
{
    private const string ControlPlane = "default-abc123-t1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _journal = [];
    private readonly InMemoryTenancyApi _api;
    private readonly InMemorySuperClusterObjects _cluster;
    private readonly VirtualClusters _tenants;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vclab-tenants-");

    public VirtualClustersTests()
    {
        _api = new InMemoryTenancyApi(_journal);
        _cluster = new InMemorySuperClusterObjects(_journal);
        _tenants = new VirtualClusters(_api, _cluster, TimeProvider.System);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string KubeconfigPath => Path.Combine(_folder.FullName, "t1.kubeconfig");

    [Fact]
    public async Task Create_WhileTheWebhookDoesNotAnswer_TriesAgain_FollowsItToRunning_AndWritesAKubeconfigThatWorksFromHere()
    {
        // Given vc-manager's webhook that refuses the first call (vc-manager restarting), then makes the tenant's control plane
        _api.WebhookRefusals = 1;
        _api.OnCreated = vc => vc.Status = new VirtualClusterStatus { Phase = "Running", ClusterNamespace = ControlPlane };
        _cluster.Secrets[(ControlPlane, "admin-kubeconfig", "admin-kubeconfig")] = AdminKubeconfig;
        _cluster.NodePorts[(ControlPlane, "apiserver-svc")] = 30443;

        // When the tenant is created
        var (tenant, outcome) = await _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token);

        // Then it was created once the webhook answered, from the ClusterVersion asked for and marked as this install's; its
        // kubeconfig (0600) reaches the API server's NodePort on a worker, and its phases are told
        Assert.Equal(ApplyOutcome.Created, outcome);
        Assert.Equal(["webhook refused", "VirtualCluster default/t1 created"], _journal);
        var created = (await _api.ReadAsync("default", "t1", Token))!;
        Assert.Equal("cv-1", created.Spec.ClusterVersionName);
        Assert.True(Ownership.Default.Owns(VirtualClusters.LabelsOf(created)));
        Assert.Equal(ControlPlane, tenant.ClusterNamespace);
        Assert.Contains("server: https://10.0.0.5:30443", await File.ReadAllTextAsync(KubeconfigPath, Token), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KubeconfigPath));
        Assert.Equal(["admitted", "control-plane namespace", "running", "kubeconfig written"], tenant.Phases.Select(phase => phase.Name));
    }

    [Fact]
    public async Task Create_ItsReadiness_StartsWithItsKubeconfigOnceItsApiServerIsReady_BeforeRunning_AndIsFinishedOnceRunning()
    {
        // Given vc-manager that has made the tenant's etcd and API server, its controller-manager still starting
        V1Alpha1VirtualCluster made = null!;
        _api.OnCreated = vc => (made = vc).Status = new VirtualClusterStatus { Phase = "Provisioning", ClusterNamespace = ControlPlane };
        _cluster.AddStatefulSet(ControlPlane, "etcd", ready: 1);
        _cluster.AddStatefulSet(ControlPlane, "apiserver", ready: 1);
        _cluster.Secrets[(ControlPlane, "admin-kubeconfig", "admin-kubeconfig")] = AdminKubeconfig;
        _cluster.NodePorts[(ControlPlane, "apiserver-svc")] = 30443;
        var readiness = new TenantReadiness(
            "dns ready",
            (kubeconfig, _) =>
            {
                _journal.Add($"dns started, {(kubeconfig.Contains("server: https://10.0.0.5:30443", StringComparison.Ordinal) ? "through the NodePort" : "elsewhere")}, phase {made.Status!.Phase}");
                made.Status!.Phase = "Running";
                return Task.CompletedTask;
            },
            (tenant, _) =>
            {
                _journal.Add($"dns finished, kubeconfig {(File.Exists(tenant.KubeconfigPath) ? "written" : "missing")}");
                return Task.CompletedTask;
            });

        // When the tenant is created with it
        var (created, _) = await _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token, readiness);

        // Then it was started while the tenant was not yet Running, through a kubeconfig that works from here, and
        // finished once the tenant's kubeconfig was written
        Assert.Equal(["VirtualCluster default/t1 created", "dns started, through the NodePort, phase Provisioning", "dns finished, kubeconfig written"], _journal);
        Assert.Equal(["admitted", "control-plane namespace", "etcd ready", "apiserver ready", "running", "kubeconfig written", "dns ready"], created.Phases.Select(phase => phase.Name));
    }

    [Fact]
    public async Task Create_AReadinessWhoseStartFails_IsStillFinishedOnceRunning()
    {
        _api.OnCreated = vc => vc.Status = new VirtualClusterStatus { Phase = "Running", ClusterNamespace = ControlPlane };
        _cluster.AddStatefulSet(ControlPlane, "apiserver", ready: 1);
        _cluster.Secrets[(ControlPlane, "admin-kubeconfig", "admin-kubeconfig")] = AdminKubeconfig;
        _cluster.NodePorts[(ControlPlane, "apiserver-svc")] = 30443;
        var readiness = new TenantReadiness(
            "dns ready",
            (_, _) => throw new HttpRequestException("the tenant's API server does not serve kube-system yet"),
            (_, _) =>
            {
                _journal.Add("dns finished");
                return Task.CompletedTask;
            });

        var (created, outcome) = await _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token, readiness);

        Assert.Equal(ApplyOutcome.Created, outcome);
        Assert.Equal(["VirtualCluster default/t1 created", "dns finished"], _journal);
        Assert.Equal("dns ready", created.Phases[^1].Name);
    }

    [Fact]
    public async Task Create_ATenantThatFailsWhileItsReadinessIsStarting_StopsTheStart_DeletesTheTenant_AndSaysWhy()
    {
        // Given a tenant whose API server is ready, then whose phase turns Failed while its readiness's start hangs
        V1Alpha1VirtualCluster made = null!;
        _api.OnCreated = vc => (made = vc).Status = new VirtualClusterStatus { Phase = "Provisioning", ClusterNamespace = ControlPlane };
        _cluster.AddStatefulSet(ControlPlane, "apiserver", ready: 1);
        _cluster.Secrets[(ControlPlane, "admin-kubeconfig", "admin-kubeconfig")] = AdminKubeconfig;
        _cluster.NodePorts[(ControlPlane, "apiserver-svc")] = 30443;
        var stopped = new TaskCompletionSource();
        var readiness = new TenantReadiness(
            "dns ready",
            async (_, token) =>
            {
                made.Status!.Phase = "Failed";
                made.Status.Message = "etcd lost its data";
                try
                {
                    await new TaskCompletionSource().Task.WaitAsync(token); // hangs until stopped
                }
                catch (OperationCanceledException)
                {
                    stopped.TrySetResult();
                    throw;
                }
            },
            (_, _) => throw new InvalidOperationException("not to be finished"));

        // When it is created
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token, readiness));

        // Then the start was stopped, the tenant made by this call deleted again, and the error says why
        Assert.True(stopped.Task.IsCompleted);
        Assert.Contains("is Failed: etcd lost its data", error.Message, StringComparison.Ordinal);
        Assert.Equal(["VirtualCluster default/t1 created", "VirtualCluster default/t1 deleted"], _journal);
        Assert.False(File.Exists(KubeconfigPath));
    }

    [Fact]
    public async Task Create_APhaseOfFailed_DeletesTheVirtualClusterItMade_AndSaysWhy()
    {
        _api.OnCreated = vc => vc.Status = new VirtualClusterStatus { Phase = "Failed", Message = "ClusterVersion cv-gone not found" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _tenants.CreateAsync("default", "t1", "cv-gone", KubeconfigPath, Ownership.Default, Timeout, Token));

        Assert.Contains("VirtualCluster default/t1 is Failed: ClusterVersion cv-gone not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("VirtualCluster default/t1 is being deleted again", error.Message, StringComparison.Ordinal);
        Assert.Equal(["VirtualCluster default/t1 created", "VirtualCluster default/t1 deleted"], _journal);
        Assert.False(File.Exists(KubeconfigPath));
    }

    [Fact]
    public async Task Create_AControlPlanePodThatCannotStart_FailsAtTheFirstLook_NamingThePodWithItsDescription()
    {
        // Given a control plane whose etcd pod's image no worker has
        _api.OnCreated = vc => vc.Status = new VirtualClusterStatus { Phase = "Provisioning", ClusterNamespace = ControlPlane };
        _cluster.AddPod(ControlPlane, "etcd-0", "etcd", waitingReason: "ErrImageNeverPull");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token));

        Assert.Contains("VirtualCluster default/t1 cannot come up: pod etcd-0 is ErrImageNeverPull", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pod {ControlPlane}/etcd-0 (its description)", error.Message, StringComparison.Ordinal);
        Assert.Contains("VirtualCluster default/t1 deleted", _journal);
    }

    [Fact]
    public async Task Create_ATenantThatWasThereAlready_IsKeptUnchanged_AndNotDeletedWhenItIsBroken()
    {
        // Given a tenant made before, whose control plane failed since
        var existing = _api.Add("default", "t1", Ownership.Default.Labels.ToDictionary());
        existing.Status = new VirtualClusterStatus { Phase = "Failed", Message = "etcd lost its data" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _tenants.CreateAsync("default", "t1", "cv-1", KubeconfigPath, Ownership.Default, Timeout, Token));

        // Then the error says so, and what this call did not make is left alone
        Assert.Contains("is Failed: etcd lost its data", error.Message, StringComparison.Ordinal);
        Assert.Empty(_journal);
        Assert.NotNull(await _api.ReadAsync("default", "t1", Token));
    }

    [Fact]
    public async Task Delete_OnceTheVirtualClusterIsGone_DeletesTheNamespacesMarkedWithItsUid_NotOnesBeingDeleted_NorAnotherTenantsItsNamePrefixes()
    {
        // Given tenant t1 with its control plane's namespace, a synced one, one the namespace controller is deleting
        // already, a namespace named like its own without its mark, and tenant t10 (whose name t1 prefixes)
        var t1 = _api.Add("default", "t1");
        var t10 = _api.Add("default", "t10");
        _cluster.AddNamespace(ControlPlane, t1.Metadata.Uid);
        _cluster.AddNamespace($"{ControlPlane}-default", t1.Metadata.Uid);
        _cluster.AddNamespace($"{ControlPlane}-kube-system", t1.Metadata.Uid, terminating: true);
        _cluster.AddNamespace($"{ControlPlane}-unmarked", virtualClusterUid: null);
        _cluster.AddNamespace("default-def456-t10", t10.Metadata.Uid);
        _api.ReadsWhileDeleting = 1; // vc-manager's finalizer: still there at the first look

        // When t1 is deleted
        await _tenants.DeleteAsync("default", "t1", Timeout, Token);

        // Then its namespaces were deleted only once it was gone, each once; the others are still there
        Assert.Equal(
            ["VirtualCluster default/t1 deleted", "VirtualCluster default/t1 gone", $"namespace {ControlPlane} deleted", $"namespace {ControlPlane}-default deleted"],
            _journal);
        Assert.Equal([$"{ControlPlane}-unmarked", "default-def456-t10"], _cluster.Namespaces.Select(ns => ns.Metadata.Name));
        Assert.NotNull(await _api.ReadAsync("default", "t10", Token));
    }

    [Fact]
    public async Task Delete_PodsOfItsTerminatingNamespacesThatRunNothing_AreRemovedAtOnce_OnesStillRunningAreNot()
    {
        // Given tenant t1's namespaces being deleted: its control plane's, where etcd has stopped and the API server still
        // runs (it has not stopped yet), and a synced one where a workload's pod has stopped
        var t1 = _api.Add("default", "t1");
        _cluster.AddNamespace(ControlPlane, t1.Metadata.Uid, terminating: true);
        _cluster.AddNamespace($"{ControlPlane}-default", t1.Metadata.Uid, terminating: true);
        _cluster.AddPod(ControlPlane, "etcd-0", deleting: true, stopped: true);
        _cluster.AddPod(ControlPlane, "apiserver-0", deleting: true);
        _cluster.AddPod($"{ControlPlane}-default", "web-1", deleting: true, stopped: true);

        // When t1 is deleted, with a deadline short enough for the running pod to outlast it
        await Assert.ThrowsAsync<TimeoutException>(() => _tenants.DeleteAsync("default", "t1", TimeSpan.FromSeconds(2), Token));

        // Then the stopped pods were removed, each once, and the running one was left to its grace period
        Assert.Equal(
            ["VirtualCluster default/t1 deleted", "VirtualCluster default/t1 gone", $"pod {ControlPlane}/etcd-0 removed", $"pod {ControlPlane}-default/web-1 removed"],
            _journal);
        Assert.Equal(["apiserver-0"], _cluster.Pods.Select(pod => pod.Metadata.Name));
        Assert.Equal([ControlPlane], _cluster.Namespaces.Select(ns => ns.Metadata.Name));
    }

    [Fact]
    public async Task Delete_AgainAfterADeletionThatWasStopped_FinishesItsNamespaces_AndWaitsForThem()
    {
        // Given t1 gone, its namespaces left by a deletion that was stopped (one being deleted with a stopped pod, one not
        // deleted yet with a stopped pod), and a namespace being deleted of another tenant, t2, with a stopped pod of its own
        var gone = Guid.NewGuid().ToString();
        _cluster.AddNamespace(ControlPlane, gone, terminating: true, virtualCluster: "default/t1");
        _cluster.AddNamespace($"{ControlPlane}-default", gone, virtualCluster: "default/t1");
        _cluster.AddNamespace("default-def456-t2", Guid.NewGuid().ToString(), terminating: true, virtualCluster: "default/t2");
        _cluster.AddPod(ControlPlane, "etcd-0", deleting: true, stopped: true);
        _cluster.AddPod($"{ControlPlane}-default", "web-1", deleting: true, stopped: true);
        _cluster.AddPod("default-def456-t2", "other-0", deleting: true, stopped: true);

        // When t1 is deleted again
        await _tenants.DeleteAsync("default", "t1", Timeout, Token);

        // Then t1's namespace not deleted yet was deleted, its stopped pods removed, its namespaces are gone; t2's are left
        Assert.Equal([$"namespace {ControlPlane}-default deleted", $"pod {ControlPlane}/etcd-0 removed", $"pod {ControlPlane}-default/web-1 removed"], _journal);
        Assert.Equal(["default-def456-t2"], _cluster.Namespaces.Select(ns => ns.Metadata.Name));
        Assert.Equal(["other-0"], _cluster.Pods.Select(pod => pod.Metadata.Name));
    }

    [Fact]
    public async Task Delete_ATenantThatIsNotThere_DoesNothing()
    {
        _cluster.AddNamespace(ControlPlane, Guid.NewGuid().ToString());

        await _tenants.DeleteAsync("default", "t1", Timeout, Token);

        Assert.Empty(_journal);
        Assert.Single(_cluster.Namespaces);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private const string AdminKubeconfig = $"""
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: QUJD
            server: https://apiserver-svc.{ControlPlane}:6443
          name: t1
        contexts:
        - context:
            cluster: t1
            user: admin
          name: admin@t1
        current-context: admin@t1
        users:
        - name: admin
          user:
            client-certificate-data: QUJD
            client-key-data: QUJD
        """;
}
