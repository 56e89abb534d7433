using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>Runs the installer in-process with settings given as configuration keys, as the console entry point would.</summary>
internal static class InstallerRunner
{
    /// <summary>The image stages, for tests whose images are side-loaded directly.</summary>
    public const string ImageStages = "download-source,build-binaries,build-docker-images,fetch-images,upload-to-ctrlplane,distribute-to-workers";

    /// <summary>
    /// What a run of the stand-in source skips: the role's fixes (the stand-in is not the upstream code) and deploying
    /// and verifying components that are not VirtualCluster.
    /// </summary>
    public const string StandInSkips = "patch-source,deploy-manager,verify";

    public static async Task<InstallRecap> RunAsync(IDictionary<string, string?> settings, bool checkMode = false, string? tags = null, string? skipTags = ImageStages, TestLogger? log = null)
    {
        // The image cache (it pins the control plane's SSH host key) is the test's own, kept in its settings so that a
        // test's second run finds its first run's cache: the role's default ~/.ansible/vc-images-cache outlives the
        // lab, and the next lab's control plane on the same address has another host key.
        if (!settings.ContainsKey("VirtualCluster:Images:LocalCacheDir"))
        {
            settings["VirtualCluster:Images:LocalCacheDir"] = TestFolders.Create("vclab-cache-");
        }

        var values = new Dictionary<string, string?>(settings);
        values.TryAdd("VirtualCluster:ConfigDir", TestFolders.Create("vclab-config-"));
        values.TryAdd("VirtualCluster:Build:FromSource", "false");
        var recap = await InProcessInstaller.RunAsync(values, StageSelection.Parse(tags, skipTags), checkMode, log, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(recap.ToString());
        return recap;
    }
}
