namespace VcLab.Installer.Tenants;

/// <summary>A <c>tenant</c> subcommand as parsed: its verb (create, list, kubeconfig, delete, pause, resume) and arguments.</summary>
internal sealed record TenantCommand(string Verb, string? Name, string? Output, bool Force);
