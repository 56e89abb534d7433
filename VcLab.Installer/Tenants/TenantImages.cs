namespace VcLab.Installer.Tenants;

/// <summary>The images of a tenant's control plane, as a ClusterVersion names them.</summary>
public sealed record TenantImages(string Etcd, string ApiServer, string ControllerManager);
