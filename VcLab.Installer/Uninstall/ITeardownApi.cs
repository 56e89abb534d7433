namespace VcLab.Installer.Uninstall;

/// <summary>
/// What the uninstall needs of the super cluster's API: list the objects of a kind (each saying whether it carries this
/// install's mark), delete one, and take away a finalizer that nobody is left to remove. A kind whose CRD is not
/// registered lists as empty.
/// </summary>
internal interface ITeardownApi
{
    Task<IReadOnlyList<TeardownTarget>> ListAsync(TeardownKind kind, CancellationToken cancellationToken);

    Task DeleteAsync(TeardownTarget target, CancellationToken cancellationToken);

    Task RemoveFinalizersAsync(TeardownTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the namespaces vc-manager and the syncer made for these VirtualClusters (by their vcuid, else vcnamespace and
    /// vcname annotations) as this install's, so the next step (or a re-run after a failure) finds them once the
    /// VirtualClusters are gone.
    /// </summary>
    Task ClaimTenantNamespacesAsync(IReadOnlyList<TeardownTarget> virtualClusters, CancellationToken cancellationToken);

    /// <summary>Whether vc-manager runs (has an available replica): only then are its finalizers removed by it.</summary>
    Task<bool> ManagerRunningAsync(CancellationToken cancellationToken);
}
