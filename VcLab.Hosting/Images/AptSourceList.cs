namespace VcLab.Hosting.Images;

/// <summary>
/// Reads the host's own apt sources (one-line <c>.list</c> and deb822 <c>.sources</c> files) and keeps the
/// binary entries of one Debian release. This is how the lab reaches Debian's archive without writing a
/// mirror's name anywhere: it uses whatever this machine is already configured with.
/// </summary>
internal static class AptSourceList
{
    public const string DefaultRoot = "/etc/apt";

    public static IReadOnlyList<AptSource> ReadRelease(string release, string aptRoot = DefaultRoot)
    {
        var files = new List<string>();
        var main = Path.Combine(aptRoot, "sources.list");
        if (File.Exists(main))
        {
            files.Add(main);
        }

        var directory = Path.Combine(aptRoot, "sources.list.d");
        if (Directory.Exists(directory))
        {
            files.AddRange(Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal));
        }

        return [.. files
            .SelectMany(file => file.EndsWith(".sources", StringComparison.Ordinal) ? ParseDeb822(File.ReadAllText(file))
                : file.EndsWith(".list", StringComparison.Ordinal) ? ParseOneLine(File.ReadAllText(file))
                : [])
            .Where(source => source.Suite == release || source.Suite.StartsWith(release + "-", StringComparison.Ordinal))
            .Distinct(AptSourceComparer.Instance)];
    }

    public static IEnumerable<AptSource> ParseOneLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[4..].Trim();
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                rest = close < 0 ? string.Empty : rest[(close + 1)..].Trim();
            }

            var fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3)
            {
                yield return new AptSource(fields[0], fields[1], fields[2..]);
            }
        }
    }

    public static IEnumerable<AptSource> ParseDeb822(string text)
    {
        foreach (var stanza in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = ReadFields(stanza);
            if (!fields.TryGetValue("Types", out var types) || !types.Contains("deb", StringComparer.Ordinal)
                || (fields.TryGetValue("Enabled", out var enabled) && enabled.FirstOrDefault() == "no"))
            {
                continue;
            }

            var components = fields.GetValueOrDefault("Components") ?? [];
            foreach (var uri in fields.GetValueOrDefault("URIs") ?? [])
            {
                foreach (var suite in fields.GetValueOrDefault("Suites") ?? [])
                {
                    yield return new AptSource(uri, suite, components);
                }
            }
        }
    }

    private static Dictionary<string, string[]> ReadFields(string stanza)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in stanza.Split('\n'))
        {
            if (raw.StartsWith('#') || raw.StartsWith(' ') || raw.StartsWith('\t'))
            {
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[raw[..colon].Trim()] = raw[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        return fields;
    }

    private sealed class AptSourceComparer : IEqualityComparer<AptSource>
    {
        public static readonly AptSourceComparer Instance = new();

        public bool Equals(AptSource? x, AptSource? y) => x?.ToOneLine() == y?.ToOneLine();

        public int GetHashCode(AptSource obj) => obj.ToOneLine().GetHashCode(StringComparison.Ordinal);
    }
}
