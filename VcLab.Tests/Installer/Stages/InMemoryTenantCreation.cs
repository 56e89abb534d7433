using VcLab.Installer.Kubernetes;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// Tenants in memory: names held by other installs (with the reason a name is taken), and the tenants made, by name,
/// with the request each was made from. A tenant made again is unchanged. The lab's functional tests make real ones.
/// </summary>
internal sealed class InMemoryTenantCreation : ITenantCreation
{
    public Dictionary<string, string> TakenNames { get; } = [];

    public Dictionary<string, TenantRequest> Made { get; } = [];

    public Task<string?> TakenAsync(string ns, string name, Ownership owner, CancellationToken cancellationToken) =>
        Task.FromResult(TakenNames.GetValueOrDefault($"{ns}/{name}"));

    public Task<TenantCreated> CreateAsync(TenantRequest request, TimeSpan timeout, CancellationToken cancellationToken, Action<TenantPhase>? onPhase = null)
    {
        var outcome = Made.TryAdd($"{request.Namespace}/{request.Name}", request) ? ApplyOutcome.Created : ApplyOutcome.Unchanged;
        var tenant = new TenantCluster(request.Name, request.Namespace, $"{request.Namespace}-{request.Name}", request.KubeconfigPath);
        return Task.FromResult(new TenantCreated(tenant, outcome, request.CoreDnsImage ?? "coredns-of-the-super-cluster"));
    }
}
