using System.Text.RegularExpressions;
using VcLab.Installer.Options;

namespace VcLab.Installer.Images;

/// <summary>One component's image as a tar: its name, image ID (config digest), the tar's file name and SHA-256.</summary>
internal sealed partial record ComponentImage(string Component, string Image, string ImageId, string TarName, string Sha256)
{
    /// <summary>The tar's name, as the role names it: vc_COMPONENT-amd64.tar.</summary>
    public static string TarNameOf(string component) => $"vc_{component}-amd64.tar";

    /// <summary>The name containerd lists a side-loaded image under (docker.io/ prefixed when the name has no registry).</summary>
    public string ContainerdName => Image.Split('/')[0].Contains('.', StringComparison.Ordinal) ? Image : $"docker.io/{Image}";

    /// <summary>
    /// This image, once every field is of its kind: a known component, an image reference, an image ID and a checksum of
    /// <c>sha256</c> hex digits, the role's tar name. What was read from a file (a tar's manifest, bundle.json) or a
    /// host's output goes through here before it is used, so it can end no quoted word and start no command on a host.
    /// An empty image ID and checksum are allowed only when <paramref name="idOptional"/> (the uninstall's list of names).
    /// </summary>
    public ComponentImage Validated(string source, bool idOptional = false)
    {
        var problems = new List<string>();
        if (!BuildOptions.DefaultComponents.Contains(Component))
        {
            problems.Add($"component '{Printable(Component)}' is not one of {string.Join(", ", BuildOptions.DefaultComponents)}");
        }

        if (!ShellValues.IsImage(Image))
        {
            problems.Add($"image '{Printable(Image)}' is not an image reference");
        }

        if (!(idOptional && ImageId.Length == 0) && !ImageIdPattern().IsMatch(ImageId))
        {
            problems.Add($"image ID '{Printable(ImageId)}' is not sha256: and 64 hex digits");
        }

        if (!(idOptional && Sha256.Length == 0) && !HexPattern().IsMatch(Sha256))
        {
            problems.Add($"checksum '{Printable(Sha256)}' is not 64 hex digits");
        }

        if (TarName != TarNameOf(Component))
        {
            problems.Add($"tar name '{Printable(TarName)}' is not {TarNameOf(Component)}");
        }

        return problems.Count == 0
            ? this
            : throw new InvalidDataException($"{source} describes an image that cannot be used: {string.Join("; ", problems)}. Nothing was run with it.");
    }

    /// <summary>Whether <paramref name="value"/> is an image ID: <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsImageId(string value) => ImageIdPattern().IsMatch(value);

    private static string Printable(string value) =>
        new([.. value.Take(80).Select(character => char.IsControl(character) ? '?' : character)]);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexPattern();
}
