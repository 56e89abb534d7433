using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace VcLab.Hosting.Docker;

/// <summary><see cref="IImageEngine"/> over the Docker Engine API.</summary>
internal sealed class DockerImageEngine(IDockerClient client) : IImageEngine
{
    private const int OutputTailLines = 40;

    public async Task<string?> FindImageIdAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            var image = await client.Images.InspectImageAsync(reference, cancellationToken);
            return image.ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<string> BuildAsync(ImageBuildRequest request, ILogger log, CancellationToken cancellationToken)
    {
        await using var context = await BuildContextArchive.CreateAsync(request.ContextDirectory, request.ExtraFiles, cancellationToken);
        var output = new BuildOutput(request.Tag, log, OutputTailLines, request.OnOutputLine);
        var parameters = new ImageBuildParameters
        {
            Tags = [request.Tag],
            Target = request.Target,
            BuildArgs = request.BuildArguments.ToDictionary(),
            Labels = request.Labels.ToDictionary(),
            Remove = true,
            ForceRemove = true,
        };

        try
        {
            await client.Images.BuildImageFromDockerfileAsync(parameters, context, authConfigs: null, headers: null, output, cancellationToken);
        }
        catch (DockerApiException exception)
        {
            throw new ImageBuildException(request.Tag, exception.ResponseBody ?? exception.Message, output.Tail);
        }

        output.ThrowIfFailed();
        return await FindImageIdAsync(request.Tag, cancellationToken)
            ?? throw new ImageBuildException(request.Tag, "the engine reported success but has no such image", output.Tail);
    }

    public async Task ImportRootFilesystemAsync(string tarPath, string reference, CancellationToken cancellationToken)
    {
        var target = ImageReference.Parse(reference);
        await using var tar = File.OpenRead(tarPath);
        var failure = new FailureCollector();
        await client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromSrc = "-", Repo = target.Repository, Tag = target.Tag },
            tar,
            authConfig: null,
            failure,
            cancellationToken);
        if (failure.Error is { } error)
        {
            throw new InvalidOperationException($"Importing {tarPath} as {reference} failed: {error}");
        }
    }

    public async Task<bool> TryPullAsync(string reference, ILogger log, CancellationToken cancellationToken)
    {
        var target = ImageReference.Parse(reference);
        var failure = new FailureCollector();
        try
        {
            await client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = target.Repository, Tag = target.Tag },
                authConfig: null,
                failure,
                cancellationToken);
        }
        catch (DockerApiException exception)
        {
            HostingLog.PullFailed(log, reference, exception.Message);
            return false;
        }

        if (failure.Error is { } error)
        {
            HostingLog.PullFailed(log, reference, error);
            return false;
        }

        return await FindImageIdAsync(reference, cancellationToken) is not null;
    }

    public async Task SaveAsync(string reference, string tarPath, CancellationToken cancellationToken)
    {
        await using var image = await client.Images.SaveImageAsync(reference, cancellationToken);
        await using var file = File.Create(tarPath);
        await image.CopyToAsync(file, cancellationToken);
    }

    public async Task RemoveAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true }, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    public async Task LoadAsync(string tarPath, CancellationToken cancellationToken)
    {
        await using var tar = File.OpenRead(tarPath);
        var failure = new FailureCollector();
        await client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, tar, failure, cancellationToken);
        if (failure.Error is { } error)
        {
            throw new InvalidOperationException($"Loading {tarPath} failed: {error}");
        }
    }

    public async Task<IReadOnlyList<string>> ListTagsByLabelAsync(string label, CancellationToken cancellationToken)
    {
        var images = await client.Images.ListImagesAsync(
            new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } } },
            cancellationToken);
        return [.. images.SelectMany(image => image.RepoTags ?? []).Where(tag => tag != "<none>:<none>").Order(StringComparer.Ordinal)];
    }

    /// <summary>Keeps the first error the engine streams back.</summary>
    private sealed class FailureCollector : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            var message = value.Error?.Message;
            if (!string.IsNullOrWhiteSpace(message))
            {
                Error ??= message;
            }
        }
    }
}
