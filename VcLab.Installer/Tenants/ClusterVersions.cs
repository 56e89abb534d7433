using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Stages;

namespace VcLab.Installer.Tenants;

/// <summary>
/// ClusterVersions on a super cluster with VirtualCluster installed, written to match it: the tenant control plane's
/// images detected from its kubeadm static pods unless the settings give them.
/// </summary>
public sealed class ClusterVersions(Lazy<IKubernetes> connection) : IClusterVersions
{
    private const string Plural = "clusterversions";

    public ClusterVersions(IKubernetes client)
        : this(new Lazy<IKubernetes>(client))
    {
    }

    /// <summary>The super cluster's API, opened when first used (a run whose tenant stages are skipped never opens it here).</summary>
    private IKubernetes Api => connection.Value;

    /// <summary>The super cluster's etcd, kube-apiserver and kube-controller-manager images, from kubeadm's static pods, where it has them.</summary>
    public async Task<TenantImages?> DetectImagesAsync(CancellationToken cancellationToken)
    {
        var pods = (await Api.CoreV1.ListNamespacedPodAsync("kube-system", labelSelector: "tier=control-plane", cancellationToken: cancellationToken)).Items;
        string? Image(string component) => pods.FirstOrDefault(pod => pod.Metadata.Labels?.TryGetValue("component", out var value) == true && value == component)?.Spec.Containers[0].Image;
        return Image("etcd") is { } etcd && Image("kube-apiserver") is { } apiServer && Image("kube-controller-manager") is { } controllerManager
            ? new TenantImages(etcd, apiServer, controllerManager)
            : null;
    }

    /// <inheritdoc />
    public async Task<(TenantImages Images, bool Detected)> ImagesForAsync(TenantOptions tenant, CancellationToken cancellationToken)
    {
        var detected = tenant is { EtcdImage: not null, ApiServerImage: not null, ControllerManagerImage: not null } ? null : await DetectImagesAsync(cancellationToken);
        var etcd = tenant.EtcdImage ?? detected?.Etcd;
        var apiServer = tenant.ApiServerImage ?? detected?.ApiServer;
        var controllerManager = tenant.ControllerManagerImage ?? detected?.ControllerManager;
        return etcd is not null && apiServer is not null && controllerManager is not null
            ? (new TenantImages(etcd, apiServer, controllerManager), detected is not null)
            : throw new ProblemsException(
                "The super cluster has no kubeadm control-plane pods to take the tenant's images from (kube-system, tier=control-plane)",
                [.. new[] { ("VirtualCluster:Tenant:EtcdImage", etcd), ("VirtualCluster:Tenant:ApiServerImage", apiServer), ("VirtualCluster:Tenant:ControllerManagerImage", controllerManager) }
                    .Where(setting => setting.Item2 is null)
                    .Select(setting => $"set {setting.Item1}")]);
    }

    /// <inheritdoc />
    public async Task<ApplyOutcome> ApplyAsync(JsonObject clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        var name = clusterVersion["metadata"]!["name"]!.GetValue<string>();
        var before = await Absent.OrNullAsync(() => Api.CustomObjects.GetClusterCustomObjectAsync(VirtualClusters.Group, VirtualClusters.Version, Plural, name, cancellationToken));
        if (before is JsonElement stored && Holds(JsonNode.Parse(stored.GetProperty("spec").GetRawText()), clusterVersion["spec"]))
        {
            // Everything this ClusterVersion says is there already (the server may have added to it): nothing to apply.
            return ApplyOutcome.Unchanged;
        }

        await Api.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(clusterVersion.ToJsonString(), V1Patch.PatchType.ApplyPatch), VirtualClusters.Group, VirtualClusters.Version, Plural, name,
            dryRun: dryRun ? "All" : null, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken);
        return before is null ? ApplyOutcome.Created : ApplyOutcome.Configured;
    }

    /// <summary>Whether <paramref name="stored"/> holds everything in <paramref name="wanted"/> (objects may have more; lists match item by item).</summary>
    private static bool Holds(JsonNode? stored, JsonNode? wanted) => (stored, wanted) switch
    {
        (_, null) => true,
        (JsonObject have, JsonObject want) => want.All(pair => pair.Value is null || (have.TryGetPropertyValue(pair.Key, out var value) && Holds(value, pair.Value))),
        (JsonArray have, JsonArray want) => have.Count == want.Count && want.Select((item, index) => Holds(have[index], item)).All(held => held),
        (JsonValue have, JsonValue want) => JsonNode.DeepEquals(have, want),
        _ => false,
    };
}
