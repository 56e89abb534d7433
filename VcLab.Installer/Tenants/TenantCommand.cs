namespace VcLab.Installer.Tenants;

/// <summary>A <c>tenant</c> subcommand as parsed: its verb and arguments.</summary>
internal sealed record TenantCommand(TenantVerb Verb, string? Name, string? Output, bool Force)
{
    /// <summary>The verb as it is typed (<c>create</c>, <c>pause</c>...).</summary>
    public string Word => Of(Verb);

    /// <summary>A verb as it is typed.</summary>
    public static string Of(TenantVerb verb) => verb.ToString().ToLowerInvariant();
}
