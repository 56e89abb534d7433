using System.Text.RegularExpressions;

namespace VcLab.Installer.Kubernetes;

/// <summary>The rule for names that become Kubernetes objects, file names and container names alike: a DNS label.</summary>
public static partial class KubernetesNames
{
    /// <summary>The namespaces Kubernetes itself owns: never VcLab's to create, claim or delete.</summary>
    public static readonly IReadOnlySet<string> SystemNamespaces = new HashSet<string>(StringComparer.Ordinal) { "kube-system", "kube-public", "kube-node-lease", "default" };

    /// <summary>Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.</summary>
    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(value);

    /// <summary>Why <paramref name="value"/> of <paramref name="setting"/> is not a DNS label; null when it is.</summary>
    public static string? DnsLabelProblem(string setting, string? value) =>
        IsDnsLabel(value) ? null : $"{setting} is '{value}': it must be a DNS label (lower-case letters, digits and '-', at most 63 characters).";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
