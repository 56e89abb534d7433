using VcLab.Hosting;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// The real Docker engine, shared by a test collection. When the engine is missing the fixture fails and every
/// test in the collection fails with the reason; nothing is skipped.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string RunLabel = "vclab.test-run";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _images = new(StringComparer.Ordinal);
    private LabParts? _parts;

    /// <summary>Labels every container and network a test creates, so that the fixture removes them all.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    public TestLogger Log { get; } = new();

    public IImageEngine Images { get; private set; } = null!;

    public IContainerEngine Containers { get; private set; } = null!;

    public LabImageBuilder ImageBuilder { get; private set; } = null!;

    public Dictionary<string, string> RunLabels => new() { [RunLabel] = RunId };

    /// <summary>An image a test tags in the engine, removed when the collection ends: the suite leaves no image it tagged.</summary>
    public string Track(string reference)
    {
        _images[reference] = 0;
        return reference;
    }

    public async ValueTask InitializeAsync()
    {
        _parts = await LabParts.ConnectAsync(Log, CancellationToken.None, tryPull: false);
        Images = _parts.Images;
        Containers = _parts.Containers;
        ImageBuilder = _parts.ImageBuilder;
    }

    public async ValueTask DisposeAsync()
    {
        if (_parts is null)
        {
            return;
        }

        foreach (var container in await Containers.ListByLabelAsync(RunLabel, RunId, CancellationToken.None))
        {
            await Containers.RemoveAsync(container, CancellationToken.None);
        }

        foreach (var network in await Containers.ListNetworksByLabelAsync(RunLabel, RunId, CancellationToken.None))
        {
            await Containers.RemoveNetworkAsync(network, CancellationToken.None);
        }

        foreach (var image in _images.Keys)
        {
            await Images.RemoveAsync(image, CancellationToken.None);
        }

        _parts.Dispose();
        // Disposed twice when a lab fixture built on it fails to start (it disposes itself, then xunit does).
        _parts = null;
    }
}
