using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>What the build stages share: they run only when building from source and no image tars are given.</summary>
internal static class BuildStages
{
    public static string? SkipReason(InstallContext context) =>
        context.Settings.HasExplicitTars ? "image tars are given (virtualcluster_*_image_tar): they are distributed, nothing is built"
        : context.Settings.Build.FromSource ? null
        : "virtualcluster_build_from_source is false: the last good image bundle is distributed";

    /// <summary>The build host's lock for its checkout: one installer at a time clones, builds and saves there.</summary>
    public static string LockFile(BuildOptions build) => $"{build.SourceDir.TrimEnd('/')}.vclab.lock";
}
