using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;

namespace VcLab.Hosting.Images;

/// <summary>Builds the lab's images on top of the Debian base image, each at most once per set of inputs.</summary>
public sealed class LabImageBuilder(IImageEngine engine, BaseImageProvider baseImage, ILogger logger)
{
    public const string InputsHashLabel = "vclab.inputs-hash";

    /// <summary>One build at a time per reference in this process: two callers wanting the same image share one build.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Builds = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim BaseImageGate = new(1, 1);
    private string? _baseImageId;

    /// <summary>
    /// How often a build that is still running says so, with how many Go packages it has compiled when its Dockerfile
    /// counts them (<see cref="GoBuildProgress"/>): the Kubernetes binaries take about ten minutes the first time, and a
    /// console silent for that long looks like a hang.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where a long build's "still building" goes besides the log (the AppHost's console and resource state).</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Returns the image's hash-tagged reference, building it only when no image has those inputs.</summary>
    public async Task<string> EnsureAsync(LabImage image, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(image.ContextDirectory))
        {
            throw new DirectoryNotFoundException($"The Dockerfile folder of {image.Repository} is missing: {image.ContextDirectory}.");
        }

        if (_baseImageId is null)
        {
            // The cluster and the build container are made at once: the base image is made once, not by both.
            await BaseImageGate.WaitAsync(cancellationToken);
            try
            {
                _baseImageId ??= await baseImage.EnsureAsync(cancellationToken);
            }
            finally
            {
                BaseImageGate.Release();
            }
        }

        var inputsHash = ImageInputHash.Compute(image, _baseImageId);
        var reference = $"{image.Repository}:{inputsHash}";
        var gate = Builds.GetOrAdd(reference, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await BuildUnlessCachedAsync(image, reference, inputsHash, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> BuildUnlessCachedAsync(LabImage image, string reference, string inputsHash, CancellationToken cancellationToken)
    {
        if (await engine.FindImageIdAsync(reference, cancellationToken) is not null)
        {
            HostingLog.ImageCacheHit(logger, reference);
            return reference;
        }

        HostingLog.ImageBuilding(logger, reference);
        var started = Time.GetTimestamp();
        using var building = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var goBuild = new GoBuildProgress();
        var heartbeat = HeartbeatAsync(reference, started, goBuild, building.Token);
        try
        {
            await engine.BuildAsync(
                new ImageBuildRequest(image.ContextDirectory, reference)
                {
                    BuildArguments = image.BuildArguments,
                    Target = image.Target,
                    ExtraFiles = image.ExtraFiles,
                    Labels = new Dictionary<string, string> { [InputsHashLabel] = inputsHash },
                    OnOutputLine = goBuild.Observe,
                },
                logger,
                cancellationToken);
        }
        finally
        {
            await building.CancelAsync();
            await heartbeat;
        }

        var took = Time.GetElapsedTime(started);
        HostingLog.ImageBuilt(logger, reference, took.TotalSeconds);
        if (took >= HeartbeatInterval)
        {
            // It said "still building": it says it is done too, or the console's last word on it is a build in progress.
            Progress?.Report($"built {reference} in {(int)took.TotalMinutes} min {took.Seconds} s");
        }

        return reference;
    }

    private async Task HeartbeatAsync(string reference, long started, GoBuildProgress goBuild, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var elapsed = Time.GetElapsedTime(started);
                var compiled = goBuild.Describe() is { } count ? $" ({count})" : "";
                HostingLog.ImageStillBuilding(logger, reference, (int)elapsed.TotalMinutes, elapsed.Seconds, compiled);
                Progress?.Report($"still building {reference}: {(int)elapsed.TotalMinutes} min {elapsed.Seconds} s so far{compiled}");
            }
        }
        catch (OperationCanceledException)
        {
            // The build ended (or was cancelled): nothing more to say.
        }
    }
}
