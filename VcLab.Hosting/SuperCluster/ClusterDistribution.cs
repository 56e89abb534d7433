namespace VcLab.Hosting.SuperCluster;

/// <summary>What runs Kubernetes on the super cluster's nodes.</summary>
public enum ClusterDistribution
{
    /// <summary>Kubernetes v1.20 built from Debian 12's archive, kind-style nodes: needs no registry.</summary>
    Debian,

    /// <summary>k3s from the rancher/k3s image (server plus agents), for machines that can pull it.</summary>
    K3s,
}
