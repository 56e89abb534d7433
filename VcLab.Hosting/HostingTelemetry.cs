using System.Diagnostics;

namespace VcLab.Hosting;

/// <summary>
/// The lab's own traces: a span for each super cluster's start with a child per phase (images, node containers, PKI,
/// control plane, kubelets, nodes Ready, cluster DNS), and one for the build container. The AppHost exports them to
/// the dashboard, so where a first start's minutes went can be read there.
/// </summary>
internal static class HostingTelemetry
{
    public const string Name = "VcLab.Hosting";

    public static ActivitySource Source { get; } = new(Name);
}
