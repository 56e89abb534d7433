namespace VcLab.Installer.Tenants;

/// <summary>
/// What a tenant needs before it is called done (its DNS): <see cref="StartAsync"/> is begun, with the tenant's admin
/// kubeconfig, as soon as its API server is ready, while its controller-manager is still starting (a head start only:
/// its failure is traced, not thrown); <see cref="FinishAsync"/> runs once the tenant is Running, does what the start
/// could not, and waits until it is done; <see cref="Phase"/> is the phase reached then.
/// </summary>
public sealed record TenantReadiness(
    string Phase,
    Func<string, CancellationToken, Task> StartAsync,
    Func<TenantCluster, CancellationToken, Task> FinishAsync);
