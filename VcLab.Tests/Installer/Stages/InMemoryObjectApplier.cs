using System.Text.Json;
using VcLab.Installer.Kubernetes;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// Objects kept in memory by their kind, namespace and name, applied as the API server would report it: created,
/// configured when the content differs, unchanged when it does not; a dry run keeps nothing. The API may be made to
/// fail a number of times first, as a restarting API server does.
/// </summary>
internal sealed class InMemoryObjectApplier : IObjectApplier
{
    private readonly Dictionary<string, string> _objects = new(StringComparer.Ordinal);

    public List<(string Object, string FieldManager, bool DryRun)> Calls { get; } = [];

    /// <summary>How many of the next calls fail as if the API server were away.</summary>
    public int FailuresLeft { get; set; }

    public IReadOnlyCollection<string> Names => _objects.Keys;

    /// <summary>An object as last applied (JSON), by its description ("Kind namespace/name").</summary>
    public JsonElement this[string name] => JsonDocument.Parse(_objects[name]).RootElement;

    public Task<ApplyOutcome> ApplyAsync(object manifest, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("Connection refused (in memory)");
        }

        var name = ServerSideApplier.Describe(manifest);
        var content = JsonSerializer.Serialize(manifest, manifest.GetType());
        Calls.Add((name, fieldManager, dryRun));
        var outcome = !_objects.TryGetValue(name, out var existing) ? ApplyOutcome.Created
            : existing == content ? ApplyOutcome.Unchanged
            : ApplyOutcome.Configured;
        if (!dryRun)
        {
            _objects[name] = content;
        }

        return Task.FromResult(outcome);
    }
}
