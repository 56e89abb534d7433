using k8s;
using VcLab.Installer.Hosts;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// What the running components do, beyond their pods running: vc-manager serves its webhook (its Service has a ready
/// endpoint, its configuration is registered), vc-manager and the syncer have taken their leader leases (their
/// controllers started), and vn-agent answers on its port on every worker (checked from the control plane).
/// </summary>
internal sealed class ComponentChecks(IClusterConnection connection, IHostAccess hosts, TimeProvider time) : IComponentChecks
{
    public const string WebhookService = "virtualcluster-webhook-service";
    public const string WebhookConfiguration = "virtualcluster-validating-webhook-configuration";
    public const int VnAgentPort = 10550;
    public static readonly string[] LeaderLeases = ["vc-manager-leaderelection-lock", "vc-syncer-leaderelection-lock"];

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private IKubernetes Client => connection.Client;

    public Task<string> WebhookAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait.UntilAsync("vc-manager's webhook is served", async token =>
        {
            var endpoints = await Absent.OrNullAsync(() => Client.CoreV1.ReadNamespacedEndpointsAsync(WebhookService, ns, cancellationToken: token));
            var ready = endpoints?.Subsets?.Sum(subset => subset.Addresses?.Count ?? 0) ?? 0;
            var configuration = await Absent.OrNullAsync(() => Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(WebhookConfiguration, cancellationToken: token));
            var state = $"Service {ns}/{WebhookService}: {(endpoints is null ? "missing" : $"{ready} ready endpoints")}; ValidatingWebhookConfiguration {WebhookConfiguration}: {(configuration is null ? "missing" : "registered")}";
            return ready > 0 && configuration is not null ? Wait.Probe.Ready(state) : Wait.Probe.Waiting(state);
        }, timeout, Interval, time, cancellationToken);

    public Task<string> LeadersAsync(string ns, TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait.UntilAsync("vc-manager and vc-syncer have elected their leaders", async token =>
        {
            var holders = new List<string>();
            foreach (var name in LeaderLeases)
            {
                var lease = await Absent.OrNullAsync(() => Client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: token));
                holders.Add($"Lease {name}: {(lease is null ? "missing" : string.IsNullOrEmpty(lease.Spec?.HolderIdentity) ? "no holder" : "held")}");
            }

            var state = string.Join("; ", holders);
            return holders.All(holder => holder.EndsWith(": held", StringComparison.Ordinal)) ? Wait.Probe.Ready(state) : Wait.Probe.Waiting(state);
        }, timeout, Interval, time, cancellationToken);

    public async Task<string> VnAgentsAsync(IReadOnlyList<string> workers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var nodes = (await Client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items
            .Where(node => workers.Contains(node.Metadata.Name))
            .Select(node => (node.Metadata.Name, Address: node.Status.Addresses?.FirstOrDefault(address => address.Type == "InternalIP")?.Address ?? node.Metadata.Name))
            .ToList();
        var probe = string.Join('\n', nodes.Select(node =>
            $"if timeout 3 bash -c '</dev/tcp/{node.Address}/{VnAgentPort}' 2>/dev/null; then echo 'vclab-agent: {node.Name} answers'; else echo 'vclab-agent: {node.Name} silent'; fi"));
        await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
        return await Wait.UntilAsync($"vn-agent answers on port {VnAgentPort} on every worker", async token =>
        {
            var output = (await controlPlane.RunAsync(probe, token)).Output.Split('\n')
                .Where(line => line.StartsWith("vclab-agent: ", StringComparison.Ordinal))
                .Select(line => line["vclab-agent: ".Length..])
                .ToList();
            var state = string.Join(", ", output);
            return output.Count == nodes.Count && output.All(line => line.EndsWith(" answers", StringComparison.Ordinal)) ? Wait.Probe.Ready(state) : Wait.Probe.Waiting(state);
        }, timeout, Interval, time, cancellationToken);
    }
}
