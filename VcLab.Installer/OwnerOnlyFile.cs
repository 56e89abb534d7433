using System.Text;

namespace VcLab.Installer;

/// <summary>Writes secrets (keys, kubeconfigs) to files only their owner can read (0600), created so from the start.</summary>
public static class OwnerOnlyFile
{
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.UTF8, options);
        writer.Write(content);
    }
}
