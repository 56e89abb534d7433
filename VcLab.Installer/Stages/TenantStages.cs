using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>What the tenant stages share: they run only when a tenant is wanted, and not in check mode for the create.</summary>
internal static class TenantStages
{
    public static string? SkipReason(InstallContext context) =>
        context.Settings.Tenant.Create ? null : "VirtualCluster:Tenant:Create is false: no tenant cluster is created";
}
