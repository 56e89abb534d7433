using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Tenants;

/// <summary>A tenant Running with its DNS answering: whether it was created now or was there already, and its DNS's image.</summary>
public sealed record TenantCreated(TenantCluster Tenant, ApplyOutcome Outcome, string DnsImage);
