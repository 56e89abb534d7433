using System.Net;
using k8s;
using VcLab.Installer.Kubernetes;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The super cluster's DNS, as kubeadm sets it up (<see cref="CoreDns"/>): Service <c>kube-dns</c> at
/// <see cref="ClusterNetwork.DnsServiceAddress"/>, other names forwarded to this machine's own nameserver (in a node
/// container the node's resolv.conf points at Docker's embedded DNS, which would be CoreDNS itself inside the pod: a loop).
/// </summary>
internal static class ClusterDns
{
    /// <summary>Deploys it and waits for it; a CoreDNS that never gets ready is a <see cref="SuperClusterException"/> quoting its log.</summary>
    public static async Task DeployAsync(IKubernetes client, string image, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await CoreDns.DeployAsync(client, image, HostNameserver(), timeout, time, cancellationToken, ClusterNetwork.DnsServiceAddress.ToString());
        }
        catch (TimeoutException exception)
        {
            throw new SuperClusterException(exception.Message, exception);
        }
    }

    /// <summary>The first non-loopback nameserver of this machine's /etc/resolv.conf, or null (then only cluster names answer).</summary>
    public static string? HostNameserver(string resolvConf = "/etc/resolv.conf") =>
        File.Exists(resolvConf)
            ? File.ReadLines(resolvConf)
                .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 2 && fields[0] == "nameserver" && IPAddress.TryParse(fields[1], out var address) && !IPAddress.IsLoopback(address))
                .Select(fields => fields[1])
                .FirstOrDefault()
            : null;
}
