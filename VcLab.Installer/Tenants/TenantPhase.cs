namespace VcLab.Installer.Tenants;

/// <summary>A step of a tenant's creation and how long after the creation began it was first seen done.</summary>
public sealed record TenantPhase(string Name, TimeSpan At);
