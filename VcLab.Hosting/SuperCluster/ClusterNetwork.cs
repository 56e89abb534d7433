using System.Net;

namespace VcLab.Hosting.SuperCluster;

/// <summary>The super cluster's address plan (kubeadm's defaults).</summary>
internal static class ClusterNetwork
{
    public const string ServiceSubnet = "10.96.0.0/16";
    public const string PodSubnet = "10.244.0.0/16";
    public const int ApiServerPort = 6443;

    /// <summary>The <c>kubernetes</c> Service's address: the first of the service range.</summary>
    public static IPAddress KubernetesServiceAddress { get; } = IPAddress.Parse("10.96.0.1");

    /// <summary>The cluster DNS Service's address (kube-dns), kubeadm's: the tenth of the service range.</summary>
    public static IPAddress DnsServiceAddress { get; } = IPAddress.Parse("10.96.0.10");

    public static string NodePodSubnet(int index) => $"10.244.{index}.0/24";
}
