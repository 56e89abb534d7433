using System.Diagnostics;
using k8s;
using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.SuperCluster;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;

namespace VcLab.Bench;

/// <summary>
/// Tenants on a warm lab (VirtualCluster installed as the AppHost installs it): one tenant's creation phase by phase
/// (admitted, its control-plane namespace, etcd, apiserver and controller-manager ready, Running, kubeconfig, DNS), then
/// ten (or <c>--many N</c>) at once: the time until all are Running with their DNS, where the machine's CPU went meanwhile,
/// the super cluster's memory per tenant (the kubelets' stats of the tenants' control-plane pods), the CPU an idle tenant
/// costs, and what deleting them gives back.
/// </summary>
internal static class TenantBench
{
    public static async Task RunAsync(BenchLab lab, int many, CancellationToken cancellationToken)
    {
        var options = new SuperClusterOptions { Name = "vclab-bench-tn" };
        await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
        var creating = lab.Provisioner.CreateAsync(options, cancellationToken);
        var starting = new BuildContainerLauncher(lab.Containers, lab.ImageBuilder) { SourceVolume = LabCaches.SourceVolume(options.Name) }
            .StartAsync($"{options.Name}-build", new Dictionary<string, string>(), LabUpstream.FromEnvironment(), cancellationToken);
        try
        {
            await Task.WhenAll(creating, starting);
            var cluster = await creating;
            LabCaches.ForgetHostKeys(options.Name);
            var build = await starting;
            await new BenchInstaller(cluster, build).RunAsync(StageSelection.All, cancellationToken);

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
            var tenants = new LabTenants(cluster, client, TimeProvider.System);

            // One tenant at a time, three times (the machine is noisy): each run's time, and the median run's phases.
            var runs = new List<TenantCluster>();
            double startCpu = 0;
            for (var run = 1; run <= OneTenantRuns; run++)
            {
                var one = await tenants.CreateAsync($"bench-one-{run}", cancellationToken);
                runs.Add(one);

                // Counted from each container's start: what the tenant's start cost, which ten at once share two cores for.
                var started = await PodStats.ReadWithTenantPodsAsync(client, cluster, 3, cancellationToken);
                startCpu += started.TenantControlPlanes.Sum(pod => pod.CpuSeconds) / OneTenantRuns;
                await tenants.DeleteAsync(one.Name, cancellationToken);
            }

            var median = runs.OrderBy(tenant => tenant.Phases[^1].At).ElementAt(OneTenantRuns / 2);
            Console.WriteLine($"one tenant, create to Running with its DNS, {OneTenantRuns} runs: " +
                string.Join(", ", runs.Select(tenant => $"{tenant.Phases[^1].At.TotalSeconds:F1} s")) + $"; phase by phase (run {runs.IndexOf(median) + 1} the median):");
            foreach (var phase in median.Phases)
            {
                // Every run's time for the phase, so that a run far from the others shows where it lost its time.
                var times = runs.Select(run => run.Phases.FirstOrDefault(seen => seen.Name == phase.Name) is { } reached ? $"{reached.At.TotalSeconds,6:F1}" : "     -");
                Console.WriteLine($"  {phase.Name,-47} {string.Join(' ', times)} s");
            }

            Console.WriteLine($"{"CPU its control plane used to start (all three pods)",-55} {startCpu,8:F1} s");
            var withoutTenants = await PodStats.ReadAsync(client, cluster, cancellationToken);
            var before = TenantMemory(withoutTenants);
            var idleCpu = await CpuAsync(client, cluster, withoutTenants, cancellationToken);
            var beforeTen = (Pods: await PodStats.ReadAsync(client, cluster, cancellationToken), Host: HostCpu.Read(), Bench: Environment.CpuUsage.TotalTime);
            var watch = Stopwatch.StartNew();
            var made = await Task.WhenAll(Enumerable.Range(1, many).Select(index => tenants.CreateAsync($"bench-{index}", cancellationToken)));
            Print($"{many} tenants at once, to Running with their DNS", watch.Elapsed);
            var slowest = made.MaxBy(tenant => tenant.Phases[^1].At)!;
            Console.WriteLine($"  the slowest of them ({slowest.Name}), phase by phase:");
            foreach (var phase in slowest.Phases)
            {
                Console.WriteLine($"    {phase.Name,-51} {phase.At.TotalSeconds,8:F1} s");
            }

            var withTenants = await PodStats.ReadWithTenantPodsAsync(client, cluster, 3 * many, cancellationToken);
            PrintCpuSplit(many, watch.Elapsed, beforeTen, (withTenants, HostCpu.Read(), Environment.CpuUsage.TotalTime));
            var held = TenantMemory(withTenants);
            Console.WriteLine($"{"memory of the tenants' control planes, per tenant",-55} {(held.Total - before.Total) / many / 1048576.0,8:F0} MiB");
            foreach (var (component, bytes) in held.ByComponent)
            {
                Console.WriteLine($"  {component,-53} {(bytes - before.ByComponent.GetValueOrDefault(component)) / many / 1048576.0,8:F0} MiB");
            }

            var heldCpu = await CpuAsync(client, cluster, withTenants, cancellationToken);
            Console.WriteLine($"{"CPU of the tenants idle: control plane, per tenant",-55} {heldCpu.Tenants / many * 1000,8:F0} millicores");
            Console.WriteLine($"{"  vc-manager's namespace, per tenant",-55} {(heldCpu.VcManager - idleCpu.VcManager) / many * 1000,8:F0} millicores (without tenants {idleCpu.VcManager * 1000:F0})");

            watch.Restart();
            await Task.WhenAll(made.Select(tenant => tenants.DeleteAsync(tenant.Name, cancellationToken)));
            Print($"{many} tenants deleted", watch.Elapsed);
            Console.WriteLine($"{"memory of tenants' control planes left after deleting",-55} {(TenantMemory(await PodStats.ReadAsync(client, cluster, cancellationToken)).Total - before.Total) / 1048576.0,8:F0} MiB");
        }
        finally
        {
            await lab.RemoveAsync(starting, cancellationToken);

            await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
        }
    }

    /// <summary>
    /// The working set of every tenant control-plane pod (etcd, apiserver, controller-manager), in all and by component.
    /// (etcd's includes its data files: on the lab's nodes, whose container storage is memory, the two 64 MB WAL files it
    /// preallocates.)
    /// </summary>
    private static (long Total, SortedDictionary<string, long> ByComponent) TenantMemory(PodStats stats)
    {
        var byComponent = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var pod in stats.TenantControlPlanes)
        {
            byComponent[pod.TenantComponent!] = byComponent.GetValueOrDefault(pod.TenantComponent!) + pod.WorkingSetBytes;
        }

        return (byComponent.Values.Sum(), byComponent);
    }

    /// <summary>
    /// The CPU, in cores over <see cref="CpuWindow"/> from <paramref name="first"/>, of the tenants' control-plane pods
    /// together and of vc-manager's namespace (vc-manager, syncer, vn-agents).
    /// </summary>
    private static async Task<(double Tenants, double VcManager)> CpuAsync(
        Kubernetes client, SuperCluster cluster, PodStats first, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.Delay(CpuWindow, cancellationToken);
        var last = await PodStats.ReadAsync(client, cluster, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        return (
            (last.TenantControlPlanes.Sum(pod => pod.CpuSeconds) - first.TenantControlPlanes.Sum(pod => pod.CpuSeconds)) / seconds,
            (last.InNamespace("vc-manager").Sum(pod => pod.CpuSeconds) - first.InNamespace("vc-manager").Sum(pod => pod.CpuSeconds)) / seconds);
    }

    /// <summary>
    /// Where this machine's CPU went while the tenants started (until the kubelets' stats had them all): its busy time in
    /// all (its nodes are containers on it), split into the tenants' control planes, the other pods (the tenants' DNS), the
    /// super cluster's own (kube-system), VirtualCluster's (vc-manager's namespace), this bench, and the rest (the nodes'
    /// kubelets and containerd, kube-proxy's iptables, the Docker engine). The kubelets sample pods every 10-15 s, so the
    /// split is approximate; what a sample missed falls into the rest.
    /// </summary>
    private static void PrintCpuSplit(int many, TimeSpan elapsed, (PodStats Pods, HostCpu Host, TimeSpan Bench) before, (PodStats Pods, HostCpu Host, TimeSpan Bench) after)
    {
        var busy = after.Host.SecondsSince(before.Host);
        var capacity = Environment.ProcessorCount * elapsed.TotalSeconds;
        var parts = new (string What, double Seconds)[]
        {
            ("the tenants' etcd, apiserver and controller-manager", after.Pods.CpuSecondsSince(before.Pods, pod => pod.TenantComponent is not null)),
            ("the tenants' DNS", after.Pods.CpuSecondsSince(before.Pods, pod => pod.TenantComponent is null && pod.Namespace is not ("kube-system" or "vc-manager"))),
            ("the super cluster's control plane, DNS (kube-system)", after.Pods.CpuSecondsSince(before.Pods, pod => pod.Namespace == "kube-system")),
            ("VirtualCluster (vc-manager, syncer, vn-agent)", after.Pods.CpuSecondsSince(before.Pods, pod => pod.Namespace == "vc-manager")),
            ("this bench (creating and following them)", (after.Bench - before.Bench).TotalSeconds),
        };
        Console.WriteLine($"{$"CPU while they started ({Environment.ProcessorCount} cores, {elapsed.TotalSeconds:F0} s)",-55} {busy,8:F0} CPU-s busy of {capacity:F0} ({busy / capacity:P0})");
        foreach (var (what, seconds) in parts.Append(("the rest (kubelets, containerd, iptables, Docker)", busy - parts.Sum(part => part.Seconds))))
        {
            Console.WriteLine($"  {what,-53} {seconds,8:F1} CPU-s, {seconds / many,5:F1} per tenant");
        }
    }

    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(30);

    private const int OneTenantRuns = 3;

    private static void Print(string what, TimeSpan elapsed) => Console.WriteLine($"{what,-55} {elapsed.TotalSeconds,8:F1} s");
}
