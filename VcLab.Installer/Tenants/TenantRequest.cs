using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A tenant to create: its VirtualCluster's namespace and name, the ClusterVersion it is made from, where its admin
/// kubeconfig goes, the install that makes it (its labels), and the CoreDNS image of its DNS (null: the super
/// cluster's own).
/// </summary>
public sealed record TenantRequest(string Namespace, string Name, string ClusterVersion, string KubeconfigPath, Ownership Owner, string? CoreDnsImage);
