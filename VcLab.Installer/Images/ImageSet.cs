namespace VcLab.Installer.Images;

/// <summary>The component images of this run, and the folder that holds their tars on the host the stage just reached.</summary>
internal sealed record ImageSet(IReadOnlyList<ComponentImage> Images, string Directory)
{
    public string PathOf(ComponentImage image) => $"{Directory.TrimEnd('/')}/{image.TarName}";
}
