namespace VcLab.Installer.Uninstall;

/// <summary>
/// What the uninstall needs of the super cluster's API: list the objects of a kind, delete one, and take away a
/// finalizer that nobody is left to remove. A kind whose CRD is not registered lists as empty.
/// </summary>
internal interface ITeardownApi
{
    Task<IReadOnlyList<TeardownTarget>> ListAsync(TeardownKind kind, CancellationToken cancellationToken);

    Task DeleteAsync(TeardownTarget target, CancellationToken cancellationToken);

    Task RemoveFinalizersAsync(TeardownTarget target, CancellationToken cancellationToken);

    /// <summary>Whether vc-manager runs (has an available replica): only then are its finalizers removed by it.</summary>
    Task<bool> ManagerRunningAsync(CancellationToken cancellationToken);
}
