namespace VcLab.Installer.Pipeline;

/// <summary>Which stages to run, like ansible-playbook's --tags and --skip-tags.</summary>
public sealed record StageSelection(IReadOnlySet<string> Tags, IReadOnlySet<string> SkipTags)
{
    public static StageSelection All { get; } = new(new HashSet<string>(), new HashSet<string>());

    public bool Includes(string stage) => (Tags.Count == 0 || Tags.Contains(stage)) && !SkipTags.Contains(stage);

    public static StageSelection Parse(string? tags, string? skipTags) => new(Split(tags), Split(skipTags));

    private static HashSet<string> Split(string? list) =>
        new((list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
