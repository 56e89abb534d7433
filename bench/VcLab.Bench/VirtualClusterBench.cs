using System.Diagnostics;
using k8s;
using k8s.Models;
using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.SuperCluster;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Waiting;

namespace VcLab.Bench;

/// <summary>
/// The real VirtualCluster on the lab, in one run: warm lab start to installer green (images cached, Go cache warm),
/// the role's lifecycle (a no-op re-run, uninstall, converge again), a warm rebuild after a source change, (with --cold) the build with an empty Go cache,
/// then tenants: one VirtualCluster create to Running, three at once, and a tenant pod's create to Running through
/// the syncer against the same pod created directly on the super cluster.
/// </summary>
internal static class VirtualClusterBench
{
    public static async Task RunAsync(BenchLab lab, bool cold, CancellationToken cancellationToken)
    {
        var upstream = LabUpstream.FromEnvironment();
        var options = new SuperClusterOptions { Name = "vclab-bench-vc" };
        await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
        await ClusterImages.EnsureAsync(lab.ImageBuilder, options.KubernetesSourceVersion, options.UpstreamDir, cancellationToken);
        var start = Stopwatch.StartNew();
        // Both at once, as the AppHost starts them.
        var creating = lab.Provisioner.CreateAsync(options, cancellationToken);
        // With the caches the AppHost's lab keeps across its restarts (LabCaches): warm when the bench ran before.
        var starting = new BuildContainerLauncher(lab.Containers, lab.ImageBuilder) { SourceVolume = LabCaches.SourceVolume(options.Name) }
            .StartAsync($"{options.Name}-build", new Dictionary<string, string>(), upstream, cancellationToken);
        try
        {
            await Task.WhenAll(creating, starting);
            var cluster = await creating;
            LabCaches.ForgetHostKeys(options.Name);
            var build = await starting;
            var installer = new BenchInstaller(cluster, build);
            var nodesReady = start.Elapsed;
            var install = await installer.RunAsync(StageSelection.All, cancellationToken);
            Print("warm lab start to installer green", start.Elapsed);
            Print("  super cluster and build container", nodesReady);

            // Where a first install on a fresh cluster spends its time (the images carried and imported, the components started).
            PrintStages(install, TimeSpan.FromSeconds(0.5));

            var noOp = Stopwatch.StartNew();
            var recap = await installer.RunAsync(StageSelection.All, cancellationToken);
            Print("no-op installer re-run (idempotence)", noOp.Elapsed);
            // Where a no-op run's time goes: every stage that took a tenth of a second or more.
            PrintStages(recap, TimeSpan.FromSeconds(0.1));

            Print("uninstall (VirtualCluster off the super cluster)", await TimeAsync(() => installer.UninstallAsync(cancellationToken)));
            Print("converge again after uninstall", await TimeAsync(() => installer.RunAsync(StageSelection.All, cancellationToken)));

            var checkout = build.SourceDir!;
            await ExecAsync(lab, build.ContainerId, $"echo '// bench' >> {checkout}/virtualcluster/cmd/manager/main.go", cancellationToken);
            Print("warm rebuild after a source change (build-binaries)", await TimeAsync(() => installer.RunAsync(StageSelection.Parse("build-binaries", null), cancellationToken)));
            await ExecAsync(lab, build.ContainerId, $"git -C {checkout} checkout -- virtualcluster/cmd/manager/main.go", cancellationToken);
            // Built again from the clean tree, so the kept checkout holds what the next warm start reuses.
            await installer.RunAsync(StageSelection.Parse("build-binaries", null), cancellationToken);

            if (cold)
            {
                Print("cold build (empty Go cache; build-binaries)", await ColdBuildAsync(lab, cluster, upstream, cancellationToken));
            }

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
            var tenants = new LabTenants(cluster, client, TimeProvider.System);
            Print("VirtualCluster create to Running (with its DNS)", await TimeAsync(() => tenants.CreateAsync("bench-1", cancellationToken)));
            Print("three VirtualClusters at once, to Running", await TimeAsync(() => Task.WhenAll(
                tenants.CreateAsync("bench-2", cancellationToken), tenants.CreateAsync("bench-3", cancellationToken), tenants.CreateAsync("bench-4", cancellationToken))));
            await PodLatencyAsync(lab, cluster, client, Path.Combine(tenants.KubeconfigDirectory, "bench-1.kubeconfig"), cancellationToken);
        }
        finally
        {
            await lab.RemoveAsync(starting, cancellationToken);

            await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
        }
    }

    /// <summary>The same pod (image on every worker) created in the tenant, and directly on the super cluster: create to Running.</summary>
    private static async Task PodLatencyAsync(BenchLab lab, SuperCluster cluster, Kubernetes super, string tenantKubeconfig, CancellationToken cancellationToken)
    {
        const string image = "debian:bookworm-slim";
        var saved = await NodeImage.SaveAsync(lab.Images, image, cancellationToken);
        foreach (var worker in cluster.Workers)
        {
            await new NodeBootstrapper(lab.Containers).ImportAsync(worker, saved, cancellationToken);
        }

        using var tenant = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(tenantKubeconfig));
        var viaSyncer = await PodToRunningAsync(tenant, image, "tenant", cancellationToken);
        var direct = await PodToRunningAsync(super, image, "direct", cancellationToken);
        Print("tenant pod create to Running (through the syncer)", viaSyncer);
        Print("the same pod directly on the super cluster", direct);
        Console.WriteLine($"{"tenant / direct",-55} {viaSyncer / direct,8:F2}x");
    }

    private static async Task<TimeSpan> PodToRunningAsync(Kubernetes client, string image, string name, CancellationToken cancellationToken)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"bench-{name}" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "sleep", Image = image, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }] },
        };
        var watch = Stopwatch.StartNew();
        await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: cancellationToken);
        await Wait.UntilAsync($"pod default/{pod.Metadata.Name} is Running", async token =>
        {
            var phase = (await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, "default", cancellationToken: token)).Status?.Phase;
            return phase == "Running" ? Wait.Probe.Ready(phase) : Wait.Probe.Waiting(phase ?? "no phase");
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>build-binaries in a second build container whose Go cache is a fresh volume, removed afterwards.</summary>
    private static async Task<TimeSpan> ColdBuildAsync(BenchLab lab, SuperCluster cluster, string? upstream, CancellationToken cancellationToken)
    {
        var volume = $"vclab-bench-cold-{Guid.NewGuid().ToString("N")[..6]}";
        var build = await new BuildContainerLauncher(lab.Containers, lab.ImageBuilder) { GoCacheVolume = volume }
            .StartAsync("vclab-bench-vc-cold", new Dictionary<string, string>(), upstream, cancellationToken);
        try
        {
            var installer = new BenchInstaller(cluster, build);
            await installer.RunAsync(StageSelection.Parse("download-source,patch-source", null), cancellationToken);
            return await TimeAsync(() => installer.RunAsync(StageSelection.Parse("build-binaries", null), cancellationToken));
        }
        finally
        {
            await lab.Containers.RemoveAsync(build.ContainerId, cancellationToken);
            await lab.Containers.RemoveVolumeAsync(volume, cancellationToken);
        }
    }

    private static async Task ExecAsync(BenchLab lab, string container, string script, CancellationToken cancellationToken) =>
        (await lab.Containers.ExecAsync(container, ["sh", "-c", script], cancellationToken)).EnsureSuccess(container, ["sh", "-c", script]);

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    private static void Print(string what, TimeSpan elapsed) => Console.WriteLine($"{what,-55} {elapsed.TotalSeconds,8:F1} s");

    /// <summary>A run's stages that took <paramref name="atLeast"/> or more, indented under its line.</summary>
    private static void PrintStages(InstallRecap recap, TimeSpan atLeast)
    {
        foreach (var stage in recap.Stages.Where(stage => stage.Duration >= atLeast))
        {
            Print($"  {stage.Stage}", stage.Duration);
        }
    }
}
