using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Tenants;

/// <summary>The one way a tenant is made, as the virtual-cluster stage and the <c>tenant create</c> command ask for it.</summary>
internal interface ITenantCreation
{
    /// <summary>Why the install <paramref name="owner"/> cannot use the name (a VirtualCluster it did not make has it), or null.</summary>
    Task<string?> TakenAsync(string ns, string name, Ownership owner, CancellationToken cancellationToken);

    /// <summary>Creates (or keeps) the VirtualCluster, follows it to Running, writes its kubeconfig and starts its DNS.</summary>
    Task<TenantCreated> CreateAsync(TenantRequest request, TimeSpan timeout, CancellationToken cancellationToken, Action<TenantPhase>? onPhase = null);
}
