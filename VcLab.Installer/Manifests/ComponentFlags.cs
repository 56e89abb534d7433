using k8s.Models;
using VcLab.Installer.Options;

namespace VcLab.Installer.Manifests;

/// <summary>What a component's own settings add to its container: flags after VcLab's, and its resources.</summary>
internal static class ComponentFlags
{
    /// <summary>VcLab's flags, then the feature gates, then the extra flags; null when there are none at all.</summary>
    public static List<string>? Args(IEnumerable<string> own, ComponentSettings settings)
    {
        List<string> args = [.. own, .. settings.FeatureGatesFlag(), .. settings.ExtraArgs];
        return args.Count == 0 ? null : args;
    }

    /// <summary>The component's requests and limits, each amount from its own settings or else from the fallback; null when none is set.</summary>
    public static V1ResourceRequirements? Resources(ComponentSettings settings, ResourceOptions? fallback = null)
    {
        var own = settings.Resources;
        var requests = Amounts(own.Requests.Cpu ?? fallback?.RequestsCpu, own.Requests.Memory ?? fallback?.RequestsMemory);
        var limits = Amounts(own.Limits.Cpu ?? fallback?.LimitsCpu, own.Limits.Memory ?? fallback?.LimitsMemory);
        return requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    private static Dictionary<string, ResourceQuantity>? Amounts(string? cpu, string? memory)
    {
        var amounts = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            amounts["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            amounts["memory"] = new ResourceQuantity(memory);
        }

        return amounts.Count == 0 ? null : amounts;
    }
}
