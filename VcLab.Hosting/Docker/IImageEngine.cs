using Microsoft.Extensions.Logging;

namespace VcLab.Hosting.Docker;

/// <summary>The images of a container engine: what the lab needs of them, and nothing more.</summary>
public interface IImageEngine
{
    /// <summary>The image ID a reference points at, or null when the engine has no such image.</summary>
    Task<string?> FindImageIdAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Builds an image, streaming its output to <paramref name="log"/>; returns the new image ID.</summary>
    Task<string> BuildAsync(ImageBuildRequest request, ILogger log, CancellationToken cancellationToken);

    /// <summary>Turns a root filesystem tar into an image (docker import).</summary>
    Task ImportRootFilesystemAsync(string tarPath, string reference, CancellationToken cancellationToken);

    /// <summary>Pulls an image; false (not an exception) when no registry could give it.</summary>
    Task<bool> TryPullAsync(string reference, ILogger log, CancellationToken cancellationToken);

    /// <summary>Writes an image to a tar file (docker save).</summary>
    Task SaveAsync(string reference, string tarPath, CancellationToken cancellationToken);

    /// <summary>Removes an image tag; a missing image is not an error.</summary>
    Task RemoveAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Loads a tar written by docker save (docker load).</summary>
    Task LoadAsync(string tarPath, CancellationToken cancellationToken);

    /// <summary>The tags (repository:tag) of the images that carry a label, whatever its value; untagged images are left out.</summary>
    Task<IReadOnlyList<string>> ListTagsByLabelAsync(string label, CancellationToken cancellationToken);
}
