using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Bench;

/// <summary>The super cluster: warm create, re-attach, delete (a first run's image builds: <c>lab --cold</c>).</summary>
internal static class ClusterBench
{
    public static async Task RunAsync(BenchLab lab, CancellationToken cancellationToken)
    {
        var options = new SuperClusterOptions { Name = "vclab-bench" };
        await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);

        // Warm the image cache, so the figures below are the cluster's own.
        await ClusterImages.EnsureAsync(lab.ImageBuilder, options.KubernetesSourceVersion, options.UpstreamDir, cancellationToken);
        var clock = new PhaseClock();
        var provisioner = new SuperClusterProvisioner(lab.Containers, lab.Images, lab.ImageBuilder, NullLogger.Instance) { Phases = clock };
        var create = Stopwatch.StartNew();
        var cluster = await provisioner.CreateAsync(options, cancellationToken);
        create.Stop();
        clock.Stop();
        var reattach = Stopwatch.StartNew();
        var attached = await lab.Reattacher.AttachAsync(options, cancellationToken)
            ?? throw new InvalidOperationException($"The running super cluster {options.Name} could not be re-attached (see the log).");
        reattach.Stop();
        var delete = Stopwatch.StartNew();
        await lab.Teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
        delete.Stop();
        Console.WriteLine($"warm super cluster create ({cluster.Nodes.Count} nodes Ready): {create.Elapsed.TotalSeconds,7:F1} s");
        foreach (var (phase, took) in clock.Phases)
        {
            Console.WriteLine($"  {phase}: {took.TotalSeconds,7:F1} s");
        }

        Console.WriteLine($"re-attach to it (a persistent lab's next start, {attached.Nodes.Count} nodes): {reattach.Elapsed.TotalSeconds,7:F1} s");
        Console.WriteLine($"super cluster delete: {delete.Elapsed.TotalSeconds,7:F1} s");
    }
}
