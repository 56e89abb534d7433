using VcLab.Installer.Images;

namespace VcLab.Installer.Stages;

/// <summary>The tars on the build host, as build-docker-images left them.</summary>
public sealed record BuiltImages(ImageSet Set);

/// <summary>The tars in the controller's cache (virtualcluster_local_cache_dir).</summary>
public sealed record CachedImages(ImageSet Set);

/// <summary>The tars in the control plane's cache (virtualcluster_ctrlplane_cache_dir).</summary>
public sealed record UploadedImages(ImageSet Set);
