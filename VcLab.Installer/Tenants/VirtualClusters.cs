using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Tenants;

/// <summary>
/// Tenant clusters on a super cluster with VirtualCluster installed: VirtualClusters created and followed to Running,
/// their admin kubeconfigs, and their deletion (the ClusterVersions they are made from: <see cref="ClusterVersions"/>).
/// </summary>
public sealed class VirtualClusters
{
    public const string Group = V1Alpha1VirtualCluster.KubeGroup;
    public const string Version = V1Alpha1VirtualCluster.KubeApiVersion;
    /// <summary>The annotation vc-manager and the syncer put on every super cluster namespace of a VirtualCluster: its UID.</summary>
    public const string VirtualClusterUidAnnotation = V1Alpha1VirtualCluster.UidAnnotation;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How often a tenant being created is looked at: each look is three reads, and a tenant's phases are seconds apart.</summary>
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The API server's StatefulSet in upstream's ClusterVersions and VcLab's (another name only loses the head start).</summary>
    private const string ApiServerStatefulSet = "apiserver";

    /// <summary>The trace source of the installer, whose spans a tenant's creation adds to (a span per phase).</summary>
    public const string TraceSource = InstallerTelemetry.Name;

    private readonly ITenancyApi _api;
    private readonly ISuperClusterObjects _cluster;
    private readonly TimeProvider _time;

    /// <summary>Tenants on the super cluster this client reaches.</summary>
    public VirtualClusters(IKubernetes client, TimeProvider time)
        : this(new TenancyApi(() => client), new SuperClusterObjects(() => client), time)
    {
    }

    internal VirtualClusters(ITenancyApi api, ISuperClusterObjects cluster, TimeProvider time)
    {
        _api = api;
        _cluster = cluster;
        _time = time;
    }

    /// <summary>The names of the VirtualClusters in a namespace (none when the CRD is not there).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string ns, CancellationToken cancellationToken) =>
        [.. (await _api.ListAsync(ns, cancellationToken)).Select(vc => vc.Metadata.Name)];

    /// <summary>The VirtualCluster, or null when there is none of that name.</summary>
    public Task<V1Alpha1VirtualCluster?> FindAsync(string ns, string name, CancellationToken cancellationToken) =>
        _api.ReadAsync(ns, name, cancellationToken);

    /// <summary>
    /// Why the name cannot be used by the install <paramref name="owner"/>: a VirtualCluster of that name exists that it did
    /// not create (it carries another install's mark, or none). Null when the name is free or already the install's.
    /// </summary>
    public async Task<string?> TakenAsync(string ns, string name, Ownership owner, CancellationToken cancellationToken)
    {
        if (await FindAsync(ns, name, cancellationToken) is not { } existing)
        {
            return null;
        }

        var labels = LabelsOf(existing);
        return owner.Owns(labels)
            ? null
            : $"VirtualCluster:Tenant:Name '{name}' is taken: VirtualCluster {ns}/{name} exists and was created by {Ownership.Maker(labels)}, not by this installer ('{owner.ManagedBy}', instance '{owner.Instance}'). Choose another name.";
    }

    /// <summary>An object's labels (empty when it has none).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(IKubernetesObject<V1ObjectMeta> item) =>
        item.Metadata.Labels is { } labels ? labels.AsReadOnly() : new Dictionary<string, string>();

    /// <summary>
    /// Creates (or keeps) a VirtualCluster, follows its phase to Running, writes its admin kubeconfig (0600), and makes it
    /// <paramref name="readiness"/>'s way (the tenant's DNS, say: started once its API server is ready, finished once it is
    /// Running) before calling it done; traced as a span with a span per phase.
    /// </summary>
    public async Task<(TenantCluster Tenant, ApplyOutcome Outcome)> CreateAsync(
        string ns, string name, string clusterVersion, string kubeconfigPath, Ownership owner, TimeSpan timeout, CancellationToken cancellationToken,
        TenantReadiness? readiness = null, Action<TenantPhase>? onPhase = null)
    {
        using var span = InstallerTelemetry.Source.StartActivity($"tenant {name}");
        span?.SetTag("vclab.tenant", $"{ns}/{name}");
        var phases = new TenantPhases(_time, span, onPhase);
        var existing = await FindAsync(ns, name, cancellationToken);
        if (existing is null)
        {
            var virtualCluster = new V1Alpha1VirtualCluster
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(owner.Labels) },
                Spec = new VirtualClusterSpec { ClusterDomain = "cluster.local", ClusterVersionName = clusterVersion, PkiExpireDays = 365 },
            };
            await CreateThroughWebhookAsync(virtualCluster, owner.ManagedBy, timeout, cancellationToken);
            phases.Reach("admitted");
        }

        string clusterNamespace;
        using var headStart = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Task.CompletedTask;
        try
        {
            clusterNamespace = await FollowToRunningAsync(ns, name, timeout, phases, cancellationToken, apiServerReady: readiness is null || existing is not null ? null :
                controlPlane => started = StartAsync(readiness, controlPlane, headStart.Token));
        }
        catch (OperationCanceledException) when (existing is null)
        {
            // Cancelled part-way (Ctrl+C, a test's timeout): what this call created goes again, so a re-run starts clean.
            await _api.DeleteAsync(ns, name, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (existing is null && exception is InvalidOperationException or TimeoutException)
        {
            // Created by this call and broken: deleted again, so that nothing is left half done. vc-manager finishes the deletion
            // (its namespaces) once its provisioning attempt has given up; waiting for that here would only hide the error.
            await _api.DeleteAsync(ns, name, CancellationToken.None);
            throw new InvalidOperationException(
                $"{exception.Message}{Environment.NewLine}VirtualCluster {ns}/{name} is being deleted again; vc-manager removes its namespaces when its provisioning attempt ends.",
                exception);
        }
        finally
        {
            // Running (or failed): the head start has had its chance; FinishAsync does what it has not done.
            await headStart.CancelAsync();
            await started;
        }

        phases.Reach("running");
        var kubeconfig = await AdminKubeconfigAsync(clusterNamespace, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!);
        OwnerOnlyFile.Write(kubeconfigPath, kubeconfig);
        phases.Reach("kubeconfig written");
        var tenant = new TenantCluster(name, ns, clusterNamespace, kubeconfigPath);
        if (readiness is not null)
        {
            try
            {
                await readiness.FinishAsync(tenant, cancellationToken);
                phases.Reach(readiness.Phase);
            }
            catch (OperationCanceledException) when (existing is null)
            {
                // Cancelled while it was made ready: the tenant this call made goes again (its deletion is not cancelled).
                await _api.DeleteAsync(ns, name, CancellationToken.None);
                File.Delete(kubeconfigPath);
                throw;
            }
        }

        return (tenant with { Phases = phases.Reached }, existing is null ? ApplyOutcome.Created : ApplyOutcome.Unchanged);
    }

    /// <summary>
    /// Creates a VirtualCluster, waiting while vc-manager's validating webhook does not answer: its pod has no readiness
    /// probe upstream, so for the seconds after a restart of vc-manager (it exits when it loses its lease, e.g. while the
    /// API server restarts) the Service sends the API server to a port nobody listens on yet.
    /// </summary>
    private Task<string> CreateThroughWebhookAsync(V1Alpha1VirtualCluster virtualCluster, string fieldManager, TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait.UntilAsync($"vc-manager's webhook admits VirtualCluster {virtualCluster.Metadata.NamespaceProperty}/{virtualCluster.Metadata.Name}", async token =>
        {
            try
            {
                await _api.CreateAsync(virtualCluster, fieldManager, token);
                return Wait.Probe.Ready("created");
            }
            catch (WebhookUnavailableException exception)
            {
                return Wait.Probe.Waiting(exception.Message);
            }
        }, timeout, Interval, _time, cancellationToken);

    /// <summary>
    /// Deletes a VirtualCluster and waits until its namespaces are gone from the super cluster. Once the VirtualCluster
    /// itself is gone, its namespaces (its control plane's and its tenant namespaces' copies, each annotated with its
    /// UID by vc-manager or the syncer) are deleted at once, as the syncer's patrol would within its next minute; then
    /// each of their pods that runs nothing any more is removed at once: v1.20's kubelet lets go of a pod it has
    /// stopped only 10-20 s later, and the namespace controller looks again at a namespace that still had pods only
    /// after a back-off (seen: a tenant's namespace gone 19 s after its last pod). With the VirtualCluster gone already,
    /// the namespaces marked with its name (a deletion that timed out or was stopped left them) are deleted and followed
    /// the same way, so a re-run finishes the job; with none, there is nothing to do (false).
    /// </summary>
    public async Task<bool> DeleteAsync(string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> uids;
        if (await FindAsync(ns, name, cancellationToken) is { } existing)
        {
            uids = existing.Metadata.Uid is { } uid ? [uid] : [];
            await _api.DeleteAsync(ns, name, cancellationToken);
        }
        else
        {
            // Gone already. A deletion that ended before its namespaces did (a timeout, Ctrl+C) left them, marked with the
            // gone VirtualCluster's name and UID (the syncer would delete them within its next minute): this one finishes it.
            uids = [.. (await _cluster.NamespacesNamedForAsync(ns, name, cancellationToken))
                .Select(item => item.Metadata.Annotations.TryGetValue(V1Alpha1VirtualCluster.UidAnnotation, out var uid) ? uid : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)];
            if (uids.Count == 0)
            {
                return false;
            }
        }

        await Wait.UntilAsync($"VirtualCluster {ns}/{name} and its namespaces are deleted", async token =>
        {
            var vc = await FindAsync(ns, name, token);
            var left = await _cluster.NamespacesOfAsync(uids, token);
            if (vc is null)
            {
                foreach (var orphan in left.Where(item => item.Metadata.DeletionTimestamp is null))
                {
                    await _cluster.DeleteNamespaceAsync(orphan, token);
                }

                foreach (var terminating in left.Where(item => item.Metadata.DeletionTimestamp is not null))
                {
                    foreach (var stopped in (await _cluster.PodsAsync(terminating.Metadata.Name, null, token)).Where(PodDiagnosis.RunsNothing))
                    {
                        await _cluster.RemoveStoppedPodAsync(stopped, token);
                    }
                }
            }

            return vc is null && left.Count == 0
                ? Wait.Probe.Ready("deleted")
                : Wait.Probe.Waiting($"VirtualCluster {(vc is null ? "gone" : "still there")}; namespaces left: {(left.Count == 0 ? "none" : string.Join(", ", left.Select(item => item.Metadata.Name)))}");
        }, timeout, Interval, _time, cancellationToken);
        return true;
    }

    /// <summary>
    /// A tenant's readiness begun with its admin kubeconfig; never throws: what it could not do (an API server that does
    /// not serve everything yet, a tenant deleted meanwhile) is traced on the tenant's span, and finished once Running.
    /// </summary>
    private async Task StartAsync(TenantReadiness readiness, string clusterNamespace, CancellationToken cancellationToken)
    {
        try
        {
            await readiness.StartAsync(await AdminKubeconfigAsync(clusterNamespace, cancellationToken), cancellationToken);
        }
        catch (Exception exception)
        {
            // The type and an HTTP status only: a message about a kubeconfig that does not parse could quote a key.
            Activity.Current?.AddEvent(new ActivityEvent(
                $"{readiness.Phase}: head start not finished",
                tags: new ActivityTagsCollection
                {
                    ["exception.type"] = exception.GetType().FullName,
                    ["http.response.status_code"] = (exception as k8s.Autorest.HttpOperationException)?.Response.StatusCode.ToString(),
                }));
        }
    }

    /// <summary>Follows a VirtualCluster's phase to Running; <paramref name="apiServerReady"/> is told its control-plane namespace once its API server is ready.</summary>
    private async Task<string> FollowToRunningAsync(
        string ns, string name, TimeSpan timeout, TenantPhases phases, CancellationToken cancellationToken, Action<string>? apiServerReady = null)
    {
        string? clusterNamespace = null;
        try
        {
            await Wait.UntilAsync($"VirtualCluster {ns}/{name} reaches phase Running", async token =>
            {
                var vc = await FindAsync(ns, name, token) ?? throw new InvalidOperationException($"VirtualCluster {ns}/{name} disappeared while it was being created.");
                clusterNamespace = ClusterNamespaceOf(vc) ?? clusterNamespace;
                if (clusterNamespace is not null
                    && (await _cluster.PodsAsync(clusterNamespace, null, token)).FirstOrDefault(PodDiagnosis.IsHopeless) is { } stuck)
                {
                    throw new InvalidOperationException($"VirtualCluster {ns}/{name} cannot come up: pod {stuck.Metadata.Name} is {PodDiagnosis.WaitingReason(stuck)}");
                }

                if (clusterNamespace is not null)
                {
                    phases.Reach("control-plane namespace");
                    foreach (var ready in (await _cluster.StatefulSetsAsync(clusterNamespace, token)).Where(set => set.Status?.ReadyReplicas >= 1))
                    {
                        if (phases.Reach($"{ready.Metadata.Name} ready") && ready.Metadata.Name == ApiServerStatefulSet)
                        {
                            apiServerReady?.Invoke(clusterNamespace);
                        }
                    }
                }

                var phase = vc.Status?.Phase;
                var message = vc.Status?.Message;
                return phase switch
                {
                    "Running" => Wait.Probe.Ready("Running"),
                    "Failed" or "Error" => throw new InvalidOperationException($"VirtualCluster {ns}/{name} is {phase}: {message}"),
                    _ => Wait.Probe.Waiting($"phase '{phase}'{(string.IsNullOrEmpty(message) ? string.Empty : $" ({message})")}"),
                };
            }, timeout, FollowInterval, _time, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException && clusterNamespace is not null)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{await DiagnoseAsync(clusterNamespace!, cancellationToken)}", exception);
        }

        return clusterNamespace ?? throw new InvalidOperationException($"VirtualCluster {ns}/{name} is Running but has no status.clusterNamespace.");
    }

    /// <summary>The tenant's control-plane pods that are not ready, each with its node, reason, events and log tail.</summary>
    private async Task<string> DiagnoseAsync(string clusterNamespace, CancellationToken cancellationToken)
    {
        var pods = (await _cluster.PodsAsync(clusterNamespace, null, cancellationToken)).Where(pod => !PodDiagnosis.IsRunningAndReady(pod)).ToList();
        if (pods.Count == 0)
        {
            return $"No control-plane pod in {clusterNamespace} is failing; the StatefulSets come up one after another.";
        }

        var details = new StringBuilder($"Not ready in {clusterNamespace}:");
        foreach (var pod in pods)
        {
            details.AppendLine().Append(await _cluster.DescribePodAsync(pod, cancellationToken));
        }

        return details.ToString();
    }

    /// <summary>Every VirtualCluster on the super cluster, in every namespace (none when VirtualCluster is not installed).</summary>
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _api.ListAsync(null, cancellationToken)).Select(Summary)];

    /// <summary>The VirtualCluster as a summary, or null when there is none of that name.</summary>
    public async Task<TenantSummary?> SummaryAsync(string ns, string name, CancellationToken cancellationToken) =>
        await FindAsync(ns, name, cancellationToken) is { } found ? Summary(found) : null;

    /// <summary>Whether VirtualCluster is installed: its CRD is registered.</summary>
    public Task<bool> InstalledAsync(CancellationToken cancellationToken) => _api.InstalledAsync(cancellationToken);

    /// <summary>The tenant's admin kubeconfig whose server works from this machine (never logged: write it to a 0600 file).</summary>
    public Task<string> KubeconfigAsync(TenantSummary tenant, CancellationToken cancellationToken) =>
        AdminKubeconfigAsync(tenant.ClusterNamespace ?? throw new InvalidOperationException($"VirtualCluster {tenant.Namespace}/{tenant.Name} has no control plane yet (phase '{tenant.Phase}')."), cancellationToken);

    private static TenantSummary Summary(V1Alpha1VirtualCluster vc) => new(
        vc.Metadata.Name,
        vc.Metadata.NamespaceProperty,
        vc.Status?.Phase ?? string.Empty,
        vc.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        LabelsOf(vc),
        vc.Metadata.DeletionTimestamp is not null,
        ClusterNamespaceOf(vc),
        vc.Metadata.Uid,
        vc.Metadata.Annotations?.TryGetValue(TenantSummary.PausedAnnotation, out var paused) == true && paused == "true");

    private async Task<string> AdminKubeconfigAsync(string clusterNamespace, CancellationToken cancellationToken)
    {
        var kubeconfig = await _cluster.SecretValueAsync(clusterNamespace, "admin-kubeconfig", "admin-kubeconfig", cancellationToken);
        var nodePort = await _cluster.NodePortAsync(clusterNamespace, "apiserver-svc", cancellationToken)
            ?? throw new InvalidOperationException($"Service {clusterNamespace}/apiserver-svc has no NodePort: the ClusterVersion must expose the API server as upstream's nodeport sample does.");
        return TenantKubeconfig.Rewrite(kubeconfig, await _cluster.WorkerAddressAsync(cancellationToken), nodePort);
    }

    private static string? ClusterNamespaceOf(V1Alpha1VirtualCluster vc) => vc.Status?.ClusterNamespace is { Length: > 0 } ns ? ns : null;
}
