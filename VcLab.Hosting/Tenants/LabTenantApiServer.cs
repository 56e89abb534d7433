namespace VcLab.Hosting.Tenants;

/// <summary>What the API server of a tenant made from the lab's control-plane image (Kubernetes v1.20) serves.</summary>
internal static class LabTenantApiServer
{
    /// <summary>
    /// The beta versions that v1.20 also serves as v1, left off: each version
    /// holds its own storage and watch caches (about 40 MiB of a tenant's API server together, measured). What a tenant
    /// is used with asks for the newer ones: the syncer (core, networking, scheduling and storage v1), kubectl, and the
    /// controller manager of the same version. Kept: the groups v1.20 has only as beta (CronJob, PodDisruptionBudget,
    /// RuntimeClass, EndpointSlice, which CoreDNS reads, flow control).
    /// </summary>
    public const string RuntimeConfig =
        "admissionregistration.k8s.io/v1beta1=false,apiextensions.k8s.io/v1beta1=false,apiregistration.k8s.io/v1beta1=false," +
        "authentication.k8s.io/v1beta1=false,authorization.k8s.io/v1beta1=false,autoscaling/v2beta1=false,autoscaling/v2beta2=false," +
        "certificates.k8s.io/v1beta1=false,coordination.k8s.io/v1beta1=false,events.k8s.io/v1beta1=false,extensions/v1beta1=false," +
        "networking.k8s.io/v1beta1=false,rbac.authorization.k8s.io/v1beta1=false,scheduling.k8s.io/v1beta1=false,storage.k8s.io/v1beta1=false";
}
