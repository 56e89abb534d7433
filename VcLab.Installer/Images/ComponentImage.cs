namespace VcLab.Installer.Images;

/// <summary>One component's image as a tar: its name, image ID (config digest), the tar's file name and SHA-256.</summary>
internal sealed record ComponentImage(string Component, string Image, string ImageId, string TarName, string Sha256)
{
    /// <summary>The tar's name, as the role names it: vc_COMPONENT-amd64.tar.</summary>
    public static string TarNameOf(string component) => $"vc_{component}-amd64.tar";

    /// <summary>The name containerd lists a side-loaded image under (docker.io/ prefixed when the name has no registry).</summary>
    public string ContainerdName => Image.Split('/')[0].Contains('.', StringComparison.Ordinal) ? Image : $"docker.io/{Image}";
}
