namespace VcLab.Installer;

/// <summary>
/// Folders VcLab makes carry a marker file (<c>.vclab-owned</c>, naming what the folder is); a recursive delete
/// removes only a folder that carries it, and never a folder's parent, the file system's root or the user's home.
/// A folder without the marker (made by someone else, or by a VcLab older than the marker) is left where it is.
/// </summary>
public static class OwnedFolder
{
    public const string MarkerFile = ".vclab-owned";

    /// <summary>Creates the folder (and its parents) when it is missing and marks it as VcLab's; returns its full path.</summary>
    public static string Create(string path, string what)
    {
        var full = Path.GetFullPath(path);
        var existed = Directory.Exists(full);
        Directory.CreateDirectory(full);
        var marker = Path.Combine(full, MarkerFile);
        if (!existed || !File.Exists(marker))
        {
            File.WriteAllText(marker, $"Made by VcLab: {what}. VcLab removes this folder only while this file is in it.\n");
        }

        return full;
    }

    /// <summary>Whether the folder exists and carries VcLab's marker.</summary>
    public static bool IsOwned(string path) => File.Exists(Path.Combine(Path.GetFullPath(path), MarkerFile));

    /// <summary>
    /// Removes the folder when VcLab made it (its marker is there): <see cref="DeleteOutcome.Deleted"/>; a missing folder
    /// is <see cref="DeleteOutcome.Absent"/>; one without the marker is left in place, <see cref="DeleteOutcome.NotOwned"/>.
    /// <paramref name="parent"/>, when given, is the folder it must lie directly in: anything else (an empty name, <c>..</c>,
    /// a path that leaves it) is refused with an <see cref="ArgumentException"/> before anything is touched.
    /// </summary>
    public static DeleteOutcome Delete(string path, string? parent = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (parent is not null)
        {
            var container = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parent));
            if (!string.Equals(Path.GetDirectoryName(full), container, StringComparison.Ordinal) || Path.GetFileName(full) is "" or "." or "..")
            {
                throw new ArgumentException($"Refusing to delete '{path}': it is not a folder directly in {container}.", nameof(path));
            }
        }

        if (IsProtected(full))
        {
            throw new ArgumentException($"Refusing to delete '{full}': it is the root, a top-level folder or a home folder.", nameof(path));
        }

        if (!Directory.Exists(full))
        {
            return DeleteOutcome.Absent;
        }

        if (!IsOwned(full))
        {
            return DeleteOutcome.NotOwned;
        }

        Directory.Delete(full, recursive: true);
        return DeleteOutcome.Deleted;
    }

    private static bool IsProtected(string full)
    {
        var home = Path.TrimEndingDirectorySeparator(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var depth = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Length;
        return depth < 2 || string.Equals(full, home, StringComparison.Ordinal) || string.Equals(Path.GetDirectoryName(full), "/home", StringComparison.Ordinal);
    }
}
