using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;

namespace VcLab.Hosting.Aspire;

/// <summary>The lab's parts in the AppHost (<see cref="LabParts"/>), connected on first use and shared by its resources.</summary>
internal sealed class LabDocker : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LabParts? _parts;

    public IImageEngine Images => Parts.Images;

    public IContainerEngine Containers => Parts.Containers;

    private LabParts Parts => _parts ?? throw new InvalidOperationException("The lab's Docker engine is not connected yet (ConnectAsync).");

    public async Task<LabDocker> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _parts ??= await LabParts.ConnectAsync(NullLogger.Instance, cancellationToken);
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An image builder that logs to the given resource's console (and says a long build's progress to <paramref name="progress"/>).</summary>
    public LabImageBuilder ImageBuilder(ILogger resourceLogger, IProgress<string>? progress = null) =>
        LabParts.ImageBuilderFor(Images, resourceLogger, progress: progress);

    public ValueTask DisposeAsync()
    {
        _parts?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
