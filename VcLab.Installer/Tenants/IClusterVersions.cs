using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Options;

namespace VcLab.Installer.Tenants;

/// <summary>The ClusterVersions a tenant is made from: the images its control plane runs, and the object written with them.</summary>
internal interface IClusterVersions
{
    /// <summary>
    /// The tenant control plane's images: the settings', else the super cluster's own (its kubeadm static pods); the second
    /// value says whether they were detected. Missing ones are named with the settings that give them.
    /// </summary>
    Task<(TenantImages Images, bool Detected)> ImagesForAsync(TenantOptions tenant, CancellationToken cancellationToken);

    /// <summary>Applies a ClusterVersion server-side; "unchanged" when everything it says is there already.</summary>
    Task<ApplyOutcome> ApplyAsync(V1Alpha1ClusterVersion clusterVersion, string fieldManager, bool dryRun, CancellationToken cancellationToken);
}
