using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>What the four build stages share: they run only when building from source.</summary>
internal static class BuildStages
{
    public static string? SkipReason(InstallContext context) =>
        context.Settings.Build.FromSource ? null : "virtualcluster_build_from_source is false: existing images are distributed";
}
