using k8s;
using VcLab.Installer.Tenants;

namespace VcLab.Testing;

/// <summary>
/// A tenant cluster of one test's own: a VirtualCluster on the lab's super cluster, Running, with its own DNS. Its
/// kubeconfig works from this machine; disposing it deletes the VirtualCluster and waits for its namespaces to go.
/// </summary>
public sealed class LabTenant(TenantCluster tenant, Func<Task> delete) : IAsyncDisposable
{
    private readonly Kubernetes _client = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(tenant.KubeconfigPath));

    public string Name => tenant.Name;

    /// <summary>The tenant's admin kubeconfig (mode 0600), for kubectl or a client of your own.</summary>
    public string KubeconfigPath => tenant.KubeconfigPath;

    /// <summary>The super cluster namespace that holds the tenant's control plane; its synced namespaces start with it.</summary>
    public string ClusterNamespace => tenant.ClusterNamespace;

    /// <summary>A client of the tenant's API server.</summary>
    public IKubernetes Client => _client;

    /// <summary>The super cluster namespace a tenant namespace is synced to (<c>&lt;cluster namespace&gt;-&lt;namespace&gt;</c>).</summary>
    public string SuperNamespaceOf(string tenantNamespace) => $"{ClusterNamespace}-{tenantNamespace}";

    public override string ToString() => Name;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await delete();
    }
}
