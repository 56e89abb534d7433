using System.Text.Json;
using VcLab.Installer.Kubernetes;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// Objects kept in memory by their kind, namespace and name, applied as the API server would report it: created,
/// configured when the content differs, unchanged when it does not; a dry run keeps nothing. The API may be made to
/// fail a number of times first, as a restarting API server does. Safe to call at once from several tasks, as the stages do.
/// </summary>
internal sealed class InMemoryObjectApplier : IObjectApplier
{
    private readonly Dictionary<string, string> _objects = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public List<(string Object, string FieldManager, bool DryRun)> Calls { get; } = [];

    /// <summary>How many of the next calls fail as if the API server were away.</summary>
    public int FailuresLeft { get; set; }

    public IReadOnlyCollection<string> Names => _objects.Keys;

    /// <summary>An object as last applied (JSON), by its description ("Kind namespace/name").</summary>
    public JsonElement this[string name] => JsonDocument.Parse(_objects[name]).RootElement;

    public Task<IReadOnlyDictionary<string, string>?> LabelsAsync(object manifest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(
            _objects.TryGetValue(ServerSideApplier.Describe(manifest), out var content)
                ? JsonDocument.Parse(content).RootElement.GetProperty("metadata").TryGetProperty("labels", out var labels)
                    ? labels.EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!)
                    : new Dictionary<string, string>()
                : null);

    /// <summary>Puts an object there as someone else would have made it (no field manager of ours).</summary>
    public void Put(object manifest) => _objects[ServerSideApplier.Describe(manifest)] = JsonSerializer.Serialize(manifest, manifest.GetType());

    public Task<ApplyOutcome> ApplyAsync(object manifest, string fieldManager, bool dryRun, CancellationToken cancellationToken)
    {
        lock (_lock)
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
}
