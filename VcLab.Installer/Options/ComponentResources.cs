namespace VcLab.Installer.Options;

/// <summary>A container's requests and limits; an amount left unset is not written.</summary>
public sealed class ComponentResources
{
    public ResourceAmounts Requests { get; set; } = new();

    public ResourceAmounts Limits { get; set; } = new();

    public bool IsEmpty => Requests.IsEmpty && Limits.IsEmpty;
}
