// bench: the lab's speed on this machine, printed.
//   dotnet run --project bench/VcLab.Bench -- cluster            super cluster: warm create, re-attach and delete
//   dotnet run --project bench/VcLab.Bench -- distribution       three images to 2 and 4 workers: VcLab, one by one over ssh, all at once over ssh
//   dotnet run --project bench/VcLab.Bench -- virtualcluster [--cold]   the real components (install, no-op re-run, uninstall, converge again) and tenants (--cold: also the build with an empty Go cache)
//   dotnet run --project bench/VcLab.Bench -- tenants [--many N] one tenant three times (each time, the median phase by phase), then ten (N) at once: time, where the CPU went, memory per tenant and component, deletion
//   dotnet run --project bench/VcLab.Bench -- lab [--runs N]     ./eng/run-lab.sh to tenant-1 Running, then Ctrl+C: once to warm, then N (3) times, each part and the median
//   dotnet run --project bench/VcLab.Bench -- lab --cold         the same once on a machine without VcLab's caches (refused, naming them, where any is left): each part and what the lab said when
using VcLab.Bench;

var cancellationToken = CancellationToken.None;
var lab = await BenchLab.ConnectAsync(cancellationToken);
switch (args.FirstOrDefault())
{
    case "cluster":
        await ClusterBench.RunAsync(lab, cancellationToken);
        return 0;
    case "virtualcluster":
        await VirtualClusterBench.RunAsync(lab, args.Contains("--cold"), cancellationToken);
        return 0;
    case "tenants":
        if (WholeNumber("--many", 10, "how many tenants to start at once") is not { } many)
        {
            return 2;
        }

        await TenantBench.RunAsync(lab, many, cancellationToken);
        return 0;
    case "distribution":
        await DistributionBench.RunAsync(lab, cancellationToken);
        return 0;
    case "lab" when args.Contains("--cold") && args.Contains("--runs"):
        Console.Error.WriteLine("lab --cold starts the lab once: a second start would find the caches the first one built. Leave out --runs.");
        return 2;
    case "lab" when args.Contains("--cold"):
        return await LabStartBench.RunColdAsync(lab, cancellationToken);
    case "lab":
        if (WholeNumber("--runs", 3, "how many warm starts to time") is not { } runs)
        {
            return 2;
        }

        await LabStartBench.RunAsync(runs, cancellationToken);
        return 0;
    default:
        Console.Error.WriteLine("usage: VcLab.Bench cluster | distribution | virtualcluster [--cold] | tenants [--many N] | lab [--runs N | --cold]");
        return 2;
}

// The value after an option (its default when absent), or null after saying what it should be.
int? WholeNumber(string option, int byDefault, string what)
{
    var given = args.SkipWhile(arg => arg != option).Skip(1).FirstOrDefault();
    if (int.TryParse(given ?? byDefault.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
    {
        return value;
    }

    Console.Error.WriteLine($"{option} is '{given}': give {what}, a whole number of 1 or more.");
    return null;
}
