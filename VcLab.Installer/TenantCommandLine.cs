using System.CommandLine;
using System.CommandLine.Parsing;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Tenants;

namespace VcLab.Installer;

/// <summary>The installer's <c>tenant</c> command and its subcommands, each with <c>--help</c>.</summary>
internal static class TenantCommandLine
{
    private static readonly Dictionary<TenantVerb, (string Description, bool Named)> Verbs = new()
    {
        [TenantVerb.Create] = ("Create a tenant (ClusterVersion matching the super cluster, VirtualCluster followed to Running, its DNS) and write its kubeconfig (mode 0600). Settings: VirtualCluster:Tenant:*.", true),
        [TenantVerb.List] = ("List the tenants: name, namespace, phase, age, who created them, and the kubeconfig this installer wrote.", false),
        [TenantVerb.Kubeconfig] = ("Write a tenant's kubeconfig (mode 0600; --output FILE, else the installer's own place for it) and say how to use it.", true),
        [TenantVerb.Delete] = ("Delete a tenant, with its namespaces and its pods on the super cluster; one this installer did not create only with --force.", true),
        [TenantVerb.Pause] = ("Pause a tenant: its API server and controller manager scaled to zero, its pods on the super cluster stopped (etcd keeps its data).", true),
        [TenantVerb.Resume] = ("Resume a paused tenant: its control plane back, its pods started again by the syncer.", true),
    };

    public static Command Command()
    {
        var tenant = new Command("tenant", "Tenant clusters (VirtualClusters) on the super cluster: create, list, kubeconfig, delete, pause, resume. Exit codes: 0 done, 1 the cluster says no, 2 bad input, 130 stopped by Ctrl+C (what it left is said).");
        foreach (var (verb, (description, named)) in Verbs)
        {
            var command = new Command(TenantCommand.Of(verb), description) { TreatUnmatchedTokensAsErrors = false };
            if (named)
            {
                command.Arguments.Add(new Argument<string>("name") { Description = "The tenant's name: a DNS label." });
            }

            if (verb == TenantVerb.Kubeconfig)
            {
                command.Options.Add(new Option<string?>("--output", "-o") { Description = "Where to write it." });
            }

            if (verb is TenantVerb.Delete or TenantVerb.Pause or TenantVerb.Resume)
            {
                command.Options.Add(new Option<bool>("--force") { Description = "Also for a tenant this installer did not create." });
            }

            command.SetAction(_ => 0);
            tenant.Subcommands.Add(command);
        }

        return tenant;
    }

    /// <summary>The tenant command parsed, or null when it is not one; a name that is not a DNS label is added to <paramref name="errors"/>.</summary>
    public static TenantCommand? From(ParseResult result, List<string> errors)
    {
        var command = result.CommandResult.Command;
        if (result.CommandResult.Parent is not CommandResult { Command.Name: "tenant" }
            || !Enum.TryParse<TenantVerb>(command.Name, ignoreCase: true, out var verb) || TenantCommand.Of(verb) != command.Name)
        {
            return null;
        }

        if (result.Errors.Count > 0)
        {
            return new TenantCommand(verb, null, null, false); // the parser's errors say what is missing
        }

        // Absent only with --help, which needs no name (reading an absent required argument throws).
        var name = command.Arguments.FirstOrDefault() is Argument<string> argument && result.GetResult(argument) is { Tokens.Count: > 0 } ? result.GetValue(argument) : null;
        if (name is not null && KubernetesNames.DnsLabelProblem($"The tenant's name (tenant {command.Name} NAME)", name) is { } problem)
        {
            errors.Add(problem);
        }

        var output = command.Options.OfType<Option<string?>>().FirstOrDefault(option => option.Name == "--output") is { } outputOption ? result.GetValue(outputOption) : null;
        var force = command.Options.OfType<Option<bool>>().FirstOrDefault(option => option.Name == "--force") is { } forceOption && result.GetValue(forceOption);
        return new TenantCommand(verb, name, output, force);
    }
}
