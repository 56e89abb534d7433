using System.Formats.Tar;

namespace VcLab.Hosting.Docker;

/// <summary>Packs a build context folder into the tar stream the engine's build API takes.</summary>
internal static class BuildContextArchive
{
    public static async Task<MemoryStream> CreateAsync(string contextDirectory, IReadOnlyDictionary<string, string> extraFiles, CancellationToken cancellationToken)
    {
        var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(contextDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(contextDirectory, file).Replace('\\', '/');
                await writer.WriteEntryAsync(file, name, cancellationToken);
            }

            foreach (var (name, path) in extraFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                await writer.WriteEntryAsync(path, name, cancellationToken);
            }
        }

        archive.Position = 0;
        return archive;
    }
}
