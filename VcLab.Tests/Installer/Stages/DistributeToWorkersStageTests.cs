using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// What distribute-to-workers decides from what each worker's run of the distribution script prints: which runs it
/// starts, how it counts imported and kept images, and how it names a worker that failed. The script itself and the
/// stage run on the lab's real workers in the image pipeline's functional tests.
/// </summary>
public sealed partial class DistributeToWorkersStageTests
{
    private const string Directory = "/tmp/vc-images";
    private static readonly string[] Components = ["manager", "syncer", "vn-agent"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Distribute_ToTwoWorkers_UploadsTheScriptOnce_AndRunsItOncePerWorker_EachUnderItsOwnLock()
    {
        // Given two workers that import every image
        var hosts = new AnsweringHostAccess(command => Answer(command, "imported"));

        // When the stage runs
        var result = await Stage(hosts, "w1", "w2").ExecuteAsync(Context(), Token);

        // Then the script went to the control plane's image folder, ran once for each worker under that worker's lock
        var script = $"{Directory}/{DistributeScript.FileName}";
        Assert.Equal([script], hosts.Uploads.Keys);
        foreach (var worker in (string[])["w1", "w2"])
        {
            var run = Assert.Single(hosts.Commands, command => command.Contains($"sh '{script}' '{worker}'", StringComparison.Ordinal));
            Assert.Contains($"{Directory}/.vclab-{worker}.lock", run, StringComparison.Ordinal);
        }

        // And it reports the six imports as a change
        Assert.Equal(2, hosts.Commands.Count);
        Assert.True(result.Changed);
        Assert.Equal("2 workers: all 6 images imported and pinned", result.Summary);
    }

    [Fact]
    public async Task Distribute_AWorkerThatHeldTheImages_IsCountedAsKept_AndARunWhereAllHeldThemChangesNothing()
    {
        // Given one worker that holds the images with the same IDs and one that imports them
        var mixed = new AnsweringHostAccess(command => Answer(command, Worker(command) == "w1" ? "unchanged" : "imported"));
        var held = new AnsweringHostAccess(command => Answer(command, "unchanged"));

        // When the stage runs on each
        var some = await Stage(mixed, "w1", "w2").ExecuteAsync(Context(), Token);
        var none = await Stage(held, "w1", "w2").ExecuteAsync(Context(), Token);

        // Then the first counts three of six imported and three kept; the second changed nothing
        Assert.True(some.Changed);
        Assert.Equal("2 workers: 3 of 6 images imported and pinned; the other 3 were already there with the same image IDs", some.Summary);
        Assert.False(none.Changed);
        Assert.Equal("2 workers already held all 6 images with the same image IDs", none.Summary);
    }

    [Fact]
    public async Task Distribute_OneWorkerFails_IsNamedAloneWithItsLastLines_AndTheOthersAreStillDone()
    {
        // Given three workers, of which w2's run fails with what the script prints before it stops
        var hosts = new AnsweringHostAccess(command => Worker(command) == "w2"
            ? (2, "w2 docker.io/vc-manager unchanged\nw2: /tmp/vc-images/vc_syncer-amd64.tar is missing on cp: run upload-to-ctrlplane again")
            : (0, Answer(command, "imported")));

        // When the stage runs
        var error = await Assert.ThrowsAsync<ProblemsException>(() => Stage(hosts, "w1", "w2", "w3").ExecuteAsync(Context(), Token));

        // Then the error names w2 alone, quoting what it printed, says the others are done and that a re-run finishes the job
        Assert.StartsWith("Distribution failed on 1 of 3 workers (the others are done; run again to finish)", error.Message, StringComparison.Ordinal);
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("worker w2: ", problem, StringComparison.Ordinal);
        Assert.Contains("vc_syncer-amd64.tar is missing on cp: run upload-to-ctrlplane again", problem, StringComparison.Ordinal);
        Assert.Equal(3, hosts.Commands.Count);
    }

    [Fact]
    public async Task Distribute_ASuperClusterWithoutWorkers_IsRefusedBeforeTheControlPlaneIsReached()
    {
        var hosts = new AnsweringHostAccess(string (_) => throw new InvalidOperationException("no command should run"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(hosts).ExecuteAsync(Context(), Token));

        Assert.Contains("has no worker nodes", error.Message, StringComparison.Ordinal);
        Assert.Empty(hosts.Uploads);
    }

    /// <summary>What a worker's run prints when every image ends as <paramref name="outcome"/>: a line per image.</summary>
    private static string Answer(string command, string outcome) =>
        string.Join('\n', Components.Select(component => $"{Worker(command)} docker.io/virtualcluster/{component}-amd64:latest {outcome}"));

    /// <summary>The worker a run of the script is for: <c>sh 'SCRIPT' 'WORKER'</c>.</summary>
    private static string Worker(string command) => ScriptRun().Match(command).Groups["worker"].Value;

    [GeneratedRegex("sh '[^']+' '(?<worker>[^']+)'")]
    private static partial Regex ScriptRun();

    private static DistributeToWorkersStage Stage(AnsweringHostAccess hosts, params string[] workers) =>
        new(new FixedClusterNodes(workers), hosts, NullLogger<DistributeToWorkersStage>.Instance);

    private static InstallContext Context()
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        var context = new InstallContext(settings);
        context.Publish(new UploadedImages(new ImageSet(
            [.. Components.Select(component => new ComponentImage(
                component, $"virtualcluster/{component}-amd64:latest", "sha256:" + new string('a', 64), ComponentImage.TarNameOf(component), new string('b', 64)))],
            Directory)));
        return context;
    }
}
