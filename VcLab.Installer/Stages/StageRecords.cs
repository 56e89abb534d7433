using VcLab.Installer.Images;

namespace VcLab.Installer.Stages;

/// <summary>
/// The tars on the build host, as build-docker-images left them: at the role's paths, and a copy of each for this run
/// (the path plus <paramref name="RunSuffix"/>) that no other controller touches. The components in
/// <paramref name="InControllerCache"/> were not saved: the controller's cache holds their very image, checked.
/// </summary>
internal sealed record BuiltImages(ImageSet Set, string RunSuffix, IReadOnlySet<string> InControllerCache)
{
    public string RunCopyOf(Images.ComponentImage image) => $"{Set.PathOf(image)}.{RunSuffix}";
}

/// <summary>The tars in the controller's cache (virtualcluster_local_cache_dir).</summary>
internal sealed record CachedImages(ImageSet Set);

/// <summary>The tars in the control plane's cache (virtualcluster_ctrlplane_cache_dir).</summary>
internal sealed record UploadedImages(ImageSet Set);

/// <summary>deploy-manager applied the components' manifests in this run.</summary>
internal sealed record Deployed;

/// <summary>verify passed in this run.</summary>
internal sealed record Verified;
