using Microsoft.Extensions.Logging;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;

namespace VcLab.Installer.Stages;

/// <summary>Writes the role's manifest files to virtualcluster_config_dir, as a person would read them, with the install's mark as applied.</summary>
internal static class ManifestFiles
{
    public static async Task<string> WriteAsync(InstallerSettings settings, string file, IEnumerable<object> objects, ILogger logger, CancellationToken cancellationToken)
    {
        var directory = InstallerSettings.ExpandHome(settings.VirtualCluster.ConfigDir);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, file);
        await File.WriteAllTextAsync(path, RoleManifests.ToYaml(OwnershipLabels.Stamp(objects, Kubernetes.Ownership.Of(settings))), cancellationToken);
        InstallerLog.ManifestWritten(logger, path);
        return path;
    }
}
