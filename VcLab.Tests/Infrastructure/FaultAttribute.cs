using Xunit.v3;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// A test that injects a fault into a real part (an engine, a node, a container, a process, an API server, a disk, a
/// network) and checks what VcLab says and that a re-run finishes the job. <c>eng/test-figures.sh</c> counts them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FaultAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Kind", "Fault")];
}
