using System.Text.Json.Nodes;
using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Options;
using VcLab.Installer.Stages;

namespace VcLab.Installer.Tenants;

/// <summary>
/// ClusterVersions on a super cluster with VirtualCluster installed, written to match it: the tenant control plane's
/// images detected from its kubeadm static pods unless the settings give them.
/// </summary>
public sealed class ClusterVersions : IClusterVersions
{
    private readonly ITenancyApi _api;
    private readonly ISuperClusterObjects _cluster;

    /// <summary>ClusterVersions on the super cluster this client reaches.</summary>
    public ClusterVersions(IKubernetes client)
        : this(new TenancyApi(() => client), new SuperClusterObjects(() => client))
    {
    }

    internal ClusterVersions(ITenancyApi api, ISuperClusterObjects cluster)
    {
        _api = api;
        _cluster = cluster;
    }

    /// <summary>The super cluster's etcd, kube-apiserver and kube-controller-manager images, from kubeadm's static pods, where it has them.</summary>
    public async Task<TenantImages?> DetectImagesAsync(CancellationToken cancellationToken)
    {
        var pods = await _cluster.PodsAsync("kube-system", "tier=control-plane", cancellationToken);
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
    public async Task<ApplyOutcome> ApplyAsync(V1Alpha1ClusterVersion clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        var before = await _api.ReadClusterVersionAsync(clusterVersion.Metadata.Name, cancellationToken);
        if (before is not null && Holds(AsJson(before.Spec), AsJson(clusterVersion.Spec)))
        {
            // Everything this ClusterVersion says is there already (the server may have added to it): nothing to apply.
            return ApplyOutcome.Unchanged;
        }

        await _api.ApplyClusterVersionAsync(clusterVersion, fieldManager, dryRun, cancellationToken);
        return before is null ? ApplyOutcome.Created : ApplyOutcome.Configured;
    }

    private static JsonNode? AsJson(ClusterVersionSpec spec) => JsonNode.Parse(KubernetesJson.Serialize(spec));

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
