using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.SuperCluster;
using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Options;

namespace VcLab.Bench;

/// <summary>
/// The three component images from the control plane to 2 and 4 workers, measured three ways in one run:
/// VcLab's distribute-to-workers, the same bytes one worker after another over ssh (the role's way), and the same
/// bytes to all workers at once over plain ssh (the practical limit). Each starts with no image on any worker.
/// </summary>
internal static class DistributionBench
{
    private static readonly string[] Components = ["manager", "syncer", "vn-agent"];
    private const string Tag = "bench";
    private const string CacheDir = "/tmp/vc-images-bench";
    private const string SshFlags = "-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";

    public static async Task RunAsync(BenchLab lab, CancellationToken cancellationToken)
    {
        Console.WriteLine("workers | VcLab (s) | one by one (s) | all at once (s) | VcLab / all at once");
        foreach (var workers in new[] { 2, 4 })
        {
            var options = new SuperClusterOptions { Name = $"vclab-bench{workers}", Workers = workers };
            await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
            var cluster = await lab.Provisioner.CreateAsync(options, cancellationToken);
            var build = await new BuildContainerLauncher(lab.Containers, lab.ImageBuilder).StartAsync($"{options.Name}-build", new Dictionary<string, string>(), upstreamDir: null, cancellationToken);
            try
            {
                var cache = Directory.CreateTempSubdirectory("vclab-bench-cache-").FullName;
                await InstallAsync(cluster, build, cache, "download-source,build-binaries,build-docker-images,fetch-images,upload-to-ctrlplane", fromSource: true, cancellationToken);

                await ClearAsync(lab, cluster, cancellationToken);
                var vclab = await TimeAsync(() => InstallAsync(cluster, build, cache, "upload-to-ctrlplane,distribute-to-workers", fromSource: false, cancellationToken));
                await ClearAsync(lab, cluster, cancellationToken);
                var oneByOne = await TimeAsync(() => OnControlPlaneAsync(lab, cluster, Copy(cluster, parallel: false), cancellationToken));
                await ClearAsync(lab, cluster, cancellationToken);
                var allAtOnce = await TimeAsync(() => OnControlPlaneAsync(lab, cluster, Copy(cluster, parallel: true), cancellationToken));
                Console.WriteLine($"{workers,7} | {vclab,8:F1} | {oneByOne,14:F1} | {allAtOnce,15:F1} | {vclab / allAtOnce,6:F2}x");
            }
            finally
            {
                await lab.Containers.RemoveAsync(build.ContainerId, cancellationToken);
                await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
            }
        }
    }

    /// <summary>The plain-ssh baseline: for each worker, copy each tar and import it; workers in turn or all at once.</summary>
    private static string Copy(SuperCluster cluster, bool parallel)
    {
        var perWorker = string.Join("; ", Components.Select(component =>
            $"scp {SshFlags} -q {CacheDir}/vc_{component}-amd64.tar $w:/tmp/ && ssh {SshFlags} $w 'sudo ctr -n k8s.io images import /tmp/vc_{component}-amd64.tar >/dev/null && rm /tmp/vc_{component}-amd64.tar'"));
        var workers = string.Join(' ', cluster.Workers.Select(worker => worker.Name));
        return parallel
            ? $"for w in {workers}; do ( {perWorker} ) & done; wait"
            : $"for w in {workers}; do {perWorker}; done";
    }

    private static async Task OnControlPlaneAsync(BenchLab lab, SuperCluster cluster, string script, CancellationToken cancellationToken) =>
        (await lab.Containers.ExecAsync(cluster.ControlPlane.ContainerId, ["su", "-", cluster.SshUser, "-c", script], cancellationToken))
            .EnsureSuccess(cluster.ControlPlane.Name, ["baseline copy"]);

    private static async Task ClearAsync(BenchLab lab, SuperCluster cluster, CancellationToken cancellationToken)
    {
        foreach (var worker in cluster.Workers)
        {
            var references = string.Join(' ', Components.Select(component => $"docker.io/virtualcluster/{component}-amd64:{Tag}"));
            await lab.Containers.ExecAsync(worker.ContainerId, ["sh", "-c", $"ctr -n k8s.io images rm {references} >/dev/null 2>&1; true"], cancellationToken);
        }
    }

    private static async Task InstallAsync(SuperCluster cluster, BuildContainer build, string cache, string tags, bool fromSource, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.Enabled))] = "true",
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.SuperclusterKubeconfigPath))] = cluster.KubeconfigPath,
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.ConfigDir))] = Path.Combine(cache, "manifests"),
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.FromSource))] = fromSource ? "true" : "false",
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.Host))] = build.BuildHost,
            [SettingKeys.Of(BuildOptions.Section, nameof(BuildOptions.SourceRepo))] = build.StandInRepository,
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.Manager))] = $"virtualcluster/manager-amd64:{Tag}",
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.Syncer))] = $"virtualcluster/syncer-amd64:{Tag}",
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.VnAgent))] = $"virtualcluster/vn-agent-amd64:{Tag}",
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.LocalCacheDir))] = cache,
            [SettingKeys.Of(ImageOptions.Section, nameof(ImageOptions.CtrlplaneCacheDir))] = CacheDir,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.ControlPlaneHost))] = cluster.ControlPlane.Address,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.PrivateKeyPath))] = cluster.SshPrivateKeyPath,
            [SettingKeys.Of(SshOptions.Section, nameof(SshOptions.User))] = cluster.SshUser,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddVirtualClusterInstaller(configuration).BuildServiceProvider();
        var recap = await services.GetRequiredService<VirtualClusterInstaller>().RunAsync(StageSelection.Parse(tags, null), checkMode: false, cancellationToken);
        if (!recap.Succeeded)
        {
            throw new InvalidOperationException(recap.ToString());
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }
}
