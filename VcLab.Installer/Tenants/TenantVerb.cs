namespace VcLab.Installer.Tenants;

/// <summary>What a <c>tenant</c> command does; its word on the command line is the name in lower case (<see cref="TenantCommand.Word"/>).</summary>
internal enum TenantVerb
{
    Create,
    List,
    Kubeconfig,
    Delete,
    Pause,
    Resume,
}
