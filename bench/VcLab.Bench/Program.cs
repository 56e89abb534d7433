// bench: the lab's speed on this machine, printed.
//   dotnet run --project bench/VcLab.Bench -- cluster [--cold]   super cluster: warm create and delete (--cold: also the binary build, ~10 min)
//   dotnet run --project bench/VcLab.Bench -- distribution       three images to 2 and 4 workers: VcLab, one by one over ssh, all at once over ssh
//   dotnet run --project bench/VcLab.Bench -- virtualcluster [--cold]   the real components (install, no-op re-run, uninstall, converge again) and tenants (--cold: also the build with an empty Go cache)
//   dotnet run --project bench/VcLab.Bench -- tenants [--many N] one tenant three times (each time, the median phase by phase), then ten (N) at once: time, memory per tenant and component, deletion
using VcLab.Bench;

var cancellationToken = CancellationToken.None;
var lab = await BenchLab.ConnectAsync(cancellationToken);
switch (args.FirstOrDefault())
{
    case "cluster":
        await ClusterBench.RunAsync(lab, args.Contains("--cold"), cancellationToken);
        return 0;
    case "virtualcluster":
        await VirtualClusterBench.RunAsync(lab, args.Contains("--cold"), cancellationToken);
        return 0;
    case "tenants":
        var count = args.SkipWhile(arg => arg != "--many").Skip(1).FirstOrDefault();
        if (!int.TryParse(count ?? "10", System.Globalization.CultureInfo.InvariantCulture, out var many) || many < 1)
        {
            Console.Error.WriteLine($"--many is '{count}': give how many tenants to start at once, a whole number of 1 or more.");
            return 2;
        }

        await TenantBench.RunAsync(lab, many, cancellationToken);
        return 0;
    case "distribution":
        await DistributionBench.RunAsync(lab, cancellationToken);
        return 0;
    default:
        Console.Error.WriteLine("usage: VcLab.Bench cluster [--cold] | distribution | virtualcluster [--cold] | tenants [--many N]");
        return 2;
}
