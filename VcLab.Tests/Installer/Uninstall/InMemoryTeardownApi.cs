using VcLab.Installer.Uninstall;

namespace VcLab.Tests.Installer.Uninstall;

/// <summary>
/// An in-memory super cluster for the uninstall's own decisions: objects with or without a finalizer; deleting one
/// without a finalizer removes it, with one marks it deleting until the finalizer is removed (by vc-manager, when it runs).
/// </summary>
internal sealed class InMemoryTeardownApi : ITeardownApi
{
    private readonly List<(TeardownTarget Target, bool Finalizer)> _objects = [];

    public bool ManagerRunning { get; set; }

    public List<string> Calls { get; } = [];

    public void Add(TeardownKind kind, string name, string? ns = null, bool finalizer = false, bool owned = true) =>
        _objects.Add((new TeardownTarget(kind, ns, name, Deleting: false, owned), finalizer));

    public Task ClaimTenantNamespacesAsync(IReadOnlyList<TeardownTarget> virtualClusters, CancellationToken cancellationToken)
    {
        Calls.Add($"claim the namespaces of {string.Join(", ", virtualClusters)}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TeardownTarget>> ListAsync(TeardownKind kind, CancellationToken cancellationToken)
    {
        if (ManagerRunning)
        {
            // vc-manager removes its finalizer from whatever is being deleted.
            _objects.RemoveAll(item => item.Target.Deleting);
        }

        return Task.FromResult<IReadOnlyList<TeardownTarget>>([.. _objects.Where(item => item.Target.Kind == kind).Select(item => item.Target)]);
    }

    public Task DeleteAsync(TeardownTarget target, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {target}");
        var index = _objects.FindIndex(item => item.Target == target);
        if (_objects[index].Finalizer)
        {
            _objects[index] = (target with { Deleting = true }, true);
        }
        else
        {
            _objects.RemoveAt(index);
        }

        return Task.CompletedTask;
    }

    public Task RemoveFinalizersAsync(TeardownTarget target, CancellationToken cancellationToken)
    {
        Calls.Add($"unfinalize {target}");
        _objects.RemoveAll(item => item.Target.Kind == target.Kind && item.Target.Name == target.Name && item.Target.Deleting);
        return Task.CompletedTask;
    }

    public Task<bool> ManagerRunningAsync(CancellationToken cancellationToken) => Task.FromResult(ManagerRunning);
}
