using System.Globalization;
using Microsoft.Extensions.Configuration;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// The AppHost's settings (<c>--Parameters:NAME=VALUE</c> and <c>--SuperCluster:Name</c>), each checked when it
/// starts, all at once, before anything is started or deleted: a typo is named with its parameter, not found minutes
/// later by the resource that reads it.
/// </summary>
public static class LabParameters
{
    public const string Workers = "super-cluster-workers";
    public const string Distribution = "super-cluster-distribution";
    public const string Tenants = "tenants";
    public const string Lifetime = "lifetime";
    public const string Demo = "demo";

    /// <summary>Each parameter with its default, as the dashboard shows them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        [Workers] = "2",
        [Distribution] = "debian",
        [Tenants] = "1",
        [Lifetime] = "session",
        [Demo] = "false",
    };

    /// <summary>Every problem of the configuration's lab settings, each naming its setting and what to give; empty when all can be used.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (configuration["SuperCluster:Name"] is { } name && SuperClusterOptions.NameProblem(name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        string Value(string parameter) => configuration[$"Parameters:{parameter}"] ?? Defaults[parameter];
        if (!IsCount(Value(Workers), 1))
        {
            problems.Add($"Parameters:{Workers} is '{Value(Workers)}': give a whole number of workers from 1 to 8.");
        }

        if (!IsCount(Value(Tenants), 0))
        {
            problems.Add($"Parameters:{Tenants} is '{Value(Tenants)}': give a whole number of tenants from 0 to 8.");
        }

        if (!Enum.TryParse<ClusterDistribution>(Value(Distribution), ignoreCase: true, out var distribution) || !Enum.IsDefined(distribution) || int.TryParse(Value(Distribution), out _))
        {
            problems.Add($"Parameters:{Distribution} is '{Value(Distribution)}': use 'debian' (offline, the default) or 'k3s' (where its image can be had).");
        }

        if (Value(Lifetime).Trim().ToLowerInvariant() is not ("session" or "persistent"))
        {
            problems.Add($"Parameters:{Lifetime} is '{Value(Lifetime)}': use 'session' (the default: the lab lives as long as the AppHost) or 'persistent' (Ctrl+C leaves it running).");
        }

        if (!bool.TryParse(Value(Demo), out _))
        {
            problems.Add($"Parameters:{Demo} is '{Value(Demo)}': use 'true' (every tenant gets a web page that names it, with its address in the dashboard) or 'false' (the default).");
        }

        return problems;
    }

    private static bool IsCount(string value, int least) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= least && count <= 8;
}
