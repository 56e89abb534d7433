using k8s.Models;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// A super cluster's state in memory, as crd and verify read it: the namespace and CRDs present, the pods as successive looks
/// see them (each read returns the next look, the last one again and again), ready Services and events. A pod is
/// described by its headline only; the lab's functional tests read the real ones.
/// </summary>
internal sealed class InMemoryClusterState(IReadOnlyList<IReadOnlyList<V1Pod>> looks) : IClusterState
{
    private int _reads;

    public InMemoryClusterState(params V1Pod[] pods)
        : this([pods])
    {
    }

    public HashSet<string> Namespaces { get; } = ["vc-manager"];

    /// <summary>The CRDs on the cluster, by name: both of VirtualCluster's, Established.</summary>
    public Dictionary<string, V1CustomResourceDefinition> Crds { get; } = new[] { CustomResourceDefinitions.ClusterVersion(), CustomResourceDefinitions.VirtualCluster() }
        .ToDictionary(crd => crd.Metadata.Name, crd => { crd.Status = new() { Conditions = [new() { Type = "Established", Status = "True" }] }; return crd; });

    public HashSet<string> ReadyServices { get; } = [ComponentChecks.WebhookService];

    public List<Corev1Event> Events { get; } = [];

    /// <summary>How many times the pods were read.</summary>
    public int PodReads => _reads;

    public Task<bool> NamespaceExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Namespaces.Contains(name));

    public Task<V1CustomResourceDefinition?> CustomResourceDefinitionAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Crds.GetValueOrDefault(name));

    public Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref _reads);
        return Task.FromResult(looks[Math.Min(read, looks.Count) - 1]);
    }

    public Task<IReadOnlySet<string>> ReadyServicesAsync(string ns, CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>>(ReadyServices);

    public Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Corev1Event>>(Events);

    public Task<string> DescribePodAsync(V1Pod pod, CancellationToken cancellationToken) =>
        Task.FromResult($"pod {pod.Metadata.Name} on node {pod.Spec.NodeName}: {pod.Status.Phase} {PodDiagnosis.WaitingReason(pod)}".TrimEnd());
}
