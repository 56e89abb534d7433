using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;

namespace VcLab.Installer.Tenants;

/// <summary>
/// Tenant clusters on a super cluster with VirtualCluster installed: VirtualClusters created and followed to Running,
/// their admin kubeconfigs, and their deletion (the ClusterVersions they are made from: <see cref="ClusterVersions"/>).
/// </summary>
public sealed class VirtualClusters(Lazy<IKubernetes> connection, TimeProvider time)
{
    public const string Group = "tenancy.x-k8s.io";
    public const string Version = "v1alpha1";
    /// <summary>The annotation vc-manager and the syncer put on every super cluster namespace of a VirtualCluster: its UID.</summary>
    public const string VirtualClusterUidAnnotation = "tenancy.x-k8s.io/vcuid";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The trace source of the installer, whose spans a tenant's creation adds to (a span per phase).</summary>
    public const string TraceSource = InstallerTelemetry.Name;

    public VirtualClusters(IKubernetes client, TimeProvider time)
        : this(new Lazy<IKubernetes>(client), time)
    {
    }

    /// <summary>The super cluster's API, opened when first used (a run whose tenant stages are skipped never opens it here).</summary>
    private IKubernetes Api => connection.Value;

    /// <summary>The names of the VirtualClusters in a namespace (none when the CRD is not there).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string ns, CancellationToken cancellationToken) =>
        await ReadAsync(() => Api.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, ns, "virtualclusters", cancellationToken: cancellationToken)) is { } list
            ? [.. list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("metadata").GetProperty("name").GetString()!)]
            : [];

    /// <summary>The VirtualCluster, or null when there is none of that name.</summary>
    public async Task<JsonElement?> FindAsync(string ns, string name, CancellationToken cancellationToken) =>
        await ReadAsync(() => Api.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, "virtualclusters", name, cancellationToken));

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

    /// <summary>The labels of an object read as JSON (empty when it has none).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonElement item) =>
        item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object
            ? labels.EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty)
            : new Dictionary<string, string>();

    /// <summary>
    /// Creates (or keeps) a VirtualCluster, follows its phase to Running, writes its admin kubeconfig (0600), and runs
    /// <paramref name="ready"/> (the tenant's DNS, say) before calling it done; traced as a span with a span per phase.
    /// </summary>
    public async Task<(TenantCluster Tenant, ApplyOutcome Outcome)> CreateAsync(
        string ns, string name, string clusterVersion, string kubeconfigPath, Ownership owner, TimeSpan timeout, CancellationToken cancellationToken,
        Func<TenantCluster, CancellationToken, Task>? ready = null, string readyPhase = "ready", Action<TenantPhase>? onPhase = null)
    {
        using var span = InstallerTelemetry.Source.StartActivity($"tenant {name}");
        span?.SetTag("vclab.tenant", $"{ns}/{name}");
        var phases = new TenantPhases(time, span, onPhase);
        var existing = await FindAsync(ns, name, cancellationToken);
        if (existing is null)
        {
            var body = new JsonObject
            {
                ["apiVersion"] = $"{Group}/{Version}",
                ["kind"] = "VirtualCluster",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject([.. owner.Labels.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value))]) },
                ["spec"] = new JsonObject { ["clusterDomain"] = "cluster.local", ["clusterVersionName"] = clusterVersion, ["pkiExpireDays"] = 365 },
            };
            await CreateThroughWebhookAsync(body, ns, owner.ManagedBy, timeout, cancellationToken);
            phases.Reach("admitted");
        }

        string clusterNamespace;
        try
        {
            clusterNamespace = await FollowToRunningAsync(ns, name, timeout, phases, cancellationToken);
        }
        catch (OperationCanceledException) when (existing is null)
        {
            // Cancelled part-way (Ctrl+C, a test's timeout): what this call created goes again, so a re-run starts clean.
            await DeleteCreatedAsync(ns, name);
            throw;
        }
        catch (Exception exception) when (existing is null && exception is InvalidOperationException or TimeoutException)
        {
            // Created by this call and broken: deleted again, so that nothing is left half done. vc-manager finishes the deletion
            // (its namespaces) once its provisioning attempt has given up; waiting for that here would only hide the error.
            await Api.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, "virtualclusters", name, cancellationToken: CancellationToken.None);
            throw new InvalidOperationException(
                $"{exception.Message}{Environment.NewLine}VirtualCluster {ns}/{name} is being deleted again; vc-manager removes its namespaces when its provisioning attempt ends.",
                exception);
        }

        phases.Reach("running");
        var kubeconfig = await AdminKubeconfigAsync(clusterNamespace, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!);
        OwnerOnlyFile.Write(kubeconfigPath, kubeconfig);
        phases.Reach("kubeconfig written");
        var tenant = new TenantCluster(name, ns, clusterNamespace, kubeconfigPath);
        if (ready is not null)
        {
            try
            {
                await ready(tenant, cancellationToken);
                phases.Reach(readyPhase);
            }
            catch (OperationCanceledException) when (existing is null)
            {
                // Cancelled while it was made ready: the tenant this call made goes again (its deletion is not cancelled).
                await DeleteCreatedAsync(ns, name);
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
    private Task<string> CreateThroughWebhookAsync(JsonNode body, string ns, string fieldManager, TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait.UntilAsync($"vc-manager's webhook admits VirtualCluster {ns}/{body["metadata"]!["name"]}", async token =>
        {
            try
            {
                await Api.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, ns, "virtualclusters", fieldManager: fieldManager, cancellationToken: token);
                return Wait.Probe.Ready("created");
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.InternalServerError
                && exception.Response.Content?.Contains("failed calling webhook", StringComparison.Ordinal) == true)
            {
                return Wait.Probe.Waiting(StatusMessage(exception));
            }
        }, timeout, Interval, time, cancellationToken);

    /// <summary>Deletes a VirtualCluster this installer just created, whatever the caller's cancellation; absent is fine.</summary>
    private async Task DeleteCreatedAsync(string ns, string name)
    {
        try
        {
            await Api.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, "virtualclusters", name, cancellationToken: CancellationToken.None);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Never created (cancelled before the webhook admitted it).
        }
    }

    /// <summary>The message of the Status an API error carries (its whole body when it is not a Status).</summary>
    private static string StatusMessage(HttpOperationException exception)
    {
        try
        {
            using var status = JsonDocument.Parse(exception.Response.Content);
            return status.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? exception.Response.Content : exception.Response.Content;
        }
        catch (JsonException)
        {
            return exception.Response.Content;
        }
    }

    /// <summary>
    /// Deletes a VirtualCluster and waits until its namespaces are gone from the super cluster. Once the VirtualCluster
    /// itself is gone, its namespaces (its control plane's and its tenant namespaces' copies, each annotated with its
    /// UID by vc-manager or the syncer) are deleted at once, as the syncer's patrol would within its next minute.
    /// </summary>
    public async Task DeleteAsync(string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(ns, name, cancellationToken);
        if (existing is null)
        {
            return;
        }

        var uid = existing.Value.GetProperty("metadata").GetProperty("uid").GetString();
        await Api.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, "virtualclusters", name, cancellationToken: cancellationToken);
        await Wait.UntilAsync($"VirtualCluster {ns}/{name} and its namespaces are deleted", async token =>
        {
            var vc = await FindAsync(ns, name, token);
            var left = (await Api.CoreV1.ListNamespaceAsync(cancellationToken: token)).Items
                .Where(item => uid is not null && item.Metadata.Annotations is { } annotations && annotations.TryGetValue(VirtualClusterUidAnnotation, out var owner) && owner == uid)
                .ToList();
            if (vc is null)
            {
                foreach (var orphan in left.Where(item => item.Metadata.DeletionTimestamp is null))
                {
                    // The UID precondition: only the namespace that was read, never one made again under its name since.
                    await Absent.OrNullAsync(() => Api.CoreV1.DeleteNamespaceAsync(
                        orphan.Metadata.Name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = orphan.Metadata.Uid } }, cancellationToken: token));
                }
            }

            return vc is null && left.Count == 0
                ? Wait.Probe.Ready("deleted")
                : Wait.Probe.Waiting($"VirtualCluster {(vc is null ? "gone" : "still there")}; namespaces left: {(left.Count == 0 ? "none" : string.Join(", ", left.Select(item => item.Metadata.Name)))}");
        }, timeout, Interval, time, cancellationToken);
    }

    private async Task<string> FollowToRunningAsync(string ns, string name, TimeSpan timeout, TenantPhases phases, CancellationToken cancellationToken)
    {
        string? clusterNamespace = null;
        try
        {
            await Wait.UntilAsync($"VirtualCluster {ns}/{name} reaches phase Running", async token =>
            {
                var vc = await FindAsync(ns, name, token) ?? throw new InvalidOperationException($"VirtualCluster {ns}/{name} disappeared while it was being created.");
                clusterNamespace = ClusterNamespaceOf(vc) ?? clusterNamespace;
                if (clusterNamespace is not null
                    && (await Api.CoreV1.ListNamespacedPodAsync(clusterNamespace, cancellationToken: token)).Items
                        .FirstOrDefault(PodDiagnosis.IsHopeless) is { } stuck)
                {
                    throw new InvalidOperationException($"VirtualCluster {ns}/{name} cannot come up: pod {stuck.Metadata.Name} is {PodDiagnosis.WaitingReason(stuck)}");
                }

                if (clusterNamespace is not null)
                {
                    phases.Reach("control-plane namespace");
                    foreach (var ready in (await Api.AppsV1.ListNamespacedStatefulSetAsync(clusterNamespace, cancellationToken: token)).Items.Where(set => set.Status?.ReadyReplicas >= 1))
                    {
                        phases.Reach($"{ready.Metadata.Name} ready");
                    }
                }

                var phase = vc.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var value) ? value.GetString() : null;
                var message = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var text) ? text.GetString() : null;
                return phase switch
                {
                    "Running" => Wait.Probe.Ready("Running"),
                    "Failed" or "Error" => throw new InvalidOperationException($"VirtualCluster {ns}/{name} is {phase}: {message}"),
                    _ => Wait.Probe.Waiting($"phase '{phase}'{(string.IsNullOrEmpty(message) ? string.Empty : $" ({message})")}"),
                };
            }, timeout, Interval, time, cancellationToken);
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
        var pods = (await Api.CoreV1.ListNamespacedPodAsync(clusterNamespace, cancellationToken: cancellationToken)).Items
            .Where(pod => !PodDiagnosis.IsRunningAndReady(pod))
            .ToList();
        if (pods.Count == 0)
        {
            return $"No control-plane pod in {clusterNamespace} is failing; the StatefulSets come up one after another.";
        }

        var details = new StringBuilder($"Not ready in {clusterNamespace}:");
        foreach (var pod in pods)
        {
            details.AppendLine().Append(await PodDescriptions.DescribeAsync(Api, pod, cancellationToken));
        }

        return details.ToString();
    }

    /// <summary>Every VirtualCluster on the super cluster, in every namespace (none when VirtualCluster is not installed).</summary>
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken) =>
        await ReadAsync(() => Api.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "virtualclusters", cancellationToken: cancellationToken)) is { } list
            ? [.. list.GetProperty("items").EnumerateArray().Select(Summary)]
            : [];

    /// <summary>The VirtualCluster as a summary, or null when there is none of that name.</summary>
    public async Task<TenantSummary?> SummaryAsync(string ns, string name, CancellationToken cancellationToken) =>
        await FindAsync(ns, name, cancellationToken) is { } found ? Summary(found) : null;

    /// <summary>Whether VirtualCluster is installed: its CRD is registered.</summary>
    public async Task<bool> InstalledAsync(CancellationToken cancellationToken) =>
        await Absent.OrNullAsync(() => Api.ApiextensionsV1.ReadCustomResourceDefinitionAsync(Manifests.CustomResourceDefinitions.VirtualClusters, cancellationToken: cancellationToken)) is not null;

    /// <summary>The tenant's admin kubeconfig whose server works from this machine (never logged: write it to a 0600 file).</summary>
    public Task<string> KubeconfigAsync(TenantSummary tenant, CancellationToken cancellationToken) =>
        AdminKubeconfigAsync(tenant.ClusterNamespace ?? throw new InvalidOperationException($"VirtualCluster {tenant.Namespace}/{tenant.Name} has no control plane yet (phase '{tenant.Phase}')."), cancellationToken);

    private static TenantSummary Summary(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        var annotations = metadata.TryGetProperty("annotations", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
        return new TenantSummary(
            metadata.GetProperty("name").GetString()!,
            metadata.GetProperty("namespace").GetString()!,
            item.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var phase) ? phase.GetString() ?? string.Empty : string.Empty,
            metadata.TryGetProperty("creationTimestamp", out var created) ? created.GetDateTimeOffset() : null,
            LabelsOf(item),
            metadata.TryGetProperty("deletionTimestamp", out _),
            ClusterNamespaceOf(item),
            metadata.TryGetProperty("uid", out var uid) ? uid.GetString() : null,
            annotations.ValueKind == JsonValueKind.Object && annotations.TryGetProperty(TenantSummary.PausedAnnotation, out var paused) && paused.GetString() == "true");
    }

    private async Task<string> AdminKubeconfigAsync(string clusterNamespace, CancellationToken cancellationToken)
    {
        var secret = await Api.CoreV1.ReadNamespacedSecretAsync("admin-kubeconfig", clusterNamespace, cancellationToken: cancellationToken);
        var service = await Api.CoreV1.ReadNamespacedServiceAsync("apiserver-svc", clusterNamespace, cancellationToken: cancellationToken);
        var nodePort = service.Spec.Ports.FirstOrDefault()?.NodePort
            ?? throw new InvalidOperationException($"Service {clusterNamespace}/apiserver-svc has no NodePort: the ClusterVersion must expose the API server as upstream's nodeport sample does.");
        var workers = await NodeRoles.WorkerNamesAsync(Api, cancellationToken);
        var node = (await Api.CoreV1.ReadNodeAsync(workers[0], cancellationToken: cancellationToken)).Status.Addresses.First(address => address.Type == "InternalIP").Address;
        return TenantKubeconfig.Rewrite(Encoding.UTF8.GetString(secret.Data["admin-kubeconfig"]), node, nodePort);
    }

    private static string? ClusterNamespaceOf(JsonElement vc) =>
        vc.TryGetProperty("status", out var status) && status.TryGetProperty("clusterNamespace", out var value) && value.GetString() is { Length: > 0 } text ? text : null;

    private static async Task<JsonElement?> ReadAsync(Func<Task<object>> read)
    {
        try
        {
            return (JsonElement)await read();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
