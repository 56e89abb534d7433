namespace VcLab.Installer.Kubernetes;

/// <summary>
/// Applies Kubernetes objects the way the stages need: server-side apply with a field manager, a dry run in check
/// mode, and what it did (created, configured, unchanged). The real one is <see cref="ServerSideApplier"/>; a test of a
/// stage's decisions may keep objects in memory.
/// </summary>
internal interface IObjectApplier
{
    Task<ApplyOutcome> ApplyAsync(object manifest, string fieldManager, bool dryRun, CancellationToken cancellationToken);

    /// <summary>The labels of the object of the manifest's kind and name on the cluster (empty when it has none), or null when there is no such object.</summary>
    Task<IReadOnlyDictionary<string, string>?> LabelsAsync(object manifest, CancellationToken cancellationToken);
}
