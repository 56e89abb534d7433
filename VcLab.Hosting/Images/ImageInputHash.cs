using System.Security.Cryptography;
using System.Text;

namespace VcLab.Hosting.Images;

/// <summary>A short, stable hash of everything an image is built from: base image, context files, arguments and target.</summary>
internal static class ImageInputHash
{
    public const int Length = 12;

    public static string Compute(LabImage image, string baseImageId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        Add($"base {baseImageId}");
        Add($"target {image.Target}");
        foreach (var argument in image.BuildArguments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Add($"arg {argument.Key}={argument.Value}");
        }

        foreach (var file in Directory.EnumerateFiles(image.ContextDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(image.ContextDirectory, file).Replace('\\', '/');
            Add($"file {relative} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}");
        }

        foreach (var (name, path) in image.ExtraFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            Add($"extra {name} {Convert.ToHexStringLower(SHA256.HashData(stream))}");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..Length];
    }
}
