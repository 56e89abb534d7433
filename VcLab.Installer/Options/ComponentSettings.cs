namespace VcLab.Installer.Options;

/// <summary>
/// One component's own settings: resources, feature gates and extra flags. Ansible: an entry of
/// <c>virtualcluster_components</c> (<c>resources</c>, <c>feature_gates</c>, <c>extra_args</c>).
/// </summary>
public sealed class ComponentSettings
{
    /// <summary>Requests and limits of the component's container (unset: none; vc-manager falls back to virtualcluster_pod_resource_*).</summary>
    public ComponentResources Resources { get; set; } = new();

    /// <summary>Feature gates, written as one <c>--feature-gates=A=true,B=false</c> flag.</summary>
    public Dictionary<string, bool> FeatureGates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>More flags for the component's command, each <c>--flag</c> or <c>--flag=value</c>, after VcLab's own.</summary>
    public List<string> ExtraArgs { get; set; } = [];

    /// <summary>The feature-gates flag, or nothing when no gate is set.</summary>
    public IEnumerable<string> FeatureGatesFlag() =>
        FeatureGates.Count == 0
            ? []
            : [$"--feature-gates={string.Join(',', FeatureGates.OrderBy(gate => gate.Key, StringComparer.Ordinal).Select(gate => $"{gate.Key}={(gate.Value ? "true" : "false")}"))}"];
}
