namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// A running super cluster: its nodes, where its admin kubeconfig and SSH key are on this machine, and how
/// it is reached. The role's own view is on the control-plane node: <c>/etc/kubernetes/admin.conf</c>, and
/// the SSH user can log in from there to every worker.
/// </summary>
public sealed record SuperCluster(
    string Name,
    IReadOnlyList<ClusterNode> Nodes,
    string KubeconfigPath,
    string SshPrivateKeyPath,
    string SshUser,
    Uri ApiServer)
{
    public const string ClusterLabel = "vclab.cluster";

    /// <summary>
    /// The control-plane image every node holds (etcd, kube-apiserver, kube-controller-manager, kube-scheduler): the
    /// control plane's static pods run it, tenants' control planes too; null on a cluster the lab did not build.
    /// </summary>
    public string? ControlPlaneImage { get; init; }

    /// <summary>The CoreDNS image every node holds (the super cluster's DNS; tenants' DNS too), or null.</summary>
    public string? CoreDnsImage { get; init; }

    public ClusterNode ControlPlane => Nodes.Single(node => node.Role == NodeRole.ControlPlane);

    public IEnumerable<ClusterNode> Workers => Nodes.Where(node => node.Role == NodeRole.Worker);

    /// <summary>The Docker network the nodes share (named after the cluster).</summary>
    public string Network => Name;
}
