namespace VcLab.Installer.Pipeline;

/// <summary>
/// Which stages to run, like ansible-playbook's --tags and --skip-tags: a stage's name selects it; the role's own tag
/// (<c>k8s-virtual-cluster</c>, as <c>ansible-playbook k8s-management.yml -t k8s-virtual-cluster</c> runs the role) and
/// <c>all</c> select every stage. A tag that names no stage is a mistake to report, not a silent "nothing to do".
/// </summary>
public sealed record StageSelection(IReadOnlySet<string> Tags, IReadOnlySet<string> SkipTags)
{
    /// <summary>The role's tag in the playbook that includes it: every stage.</summary>
    public const string RoleTag = "k8s-virtual-cluster";

    public static StageSelection All { get; } = new(new HashSet<string>(), new HashSet<string>());

    public bool Includes(string stage) =>
        (Tags.Count == 0 || Tags.Contains(stage) || Tags.Contains(RoleTag) || Tags.Contains("all")) && !SkipTags.Contains(stage) && !SkipTags.Contains(RoleTag);

    /// <summary>Each tag or skip-tag that names no stage, with the ones that do; empty when all are known.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<string> stages)
    {
        var known = new HashSet<string>([.. stages, RoleTag, "all"], StringComparer.Ordinal);
        return [.. Tags.Select(tag => ("--tags", tag)).Concat(SkipTags.Select(tag => ("--skip-tags", tag)))
            .Where(entry => !known.Contains(entry.tag))
            .Select(entry => $"{entry.Item1} names '{entry.tag}', which is no stage. Stages: {string.Join(", ", stages)}; '{RoleTag}' or 'all' for every one.")];
    }

    public static StageSelection Parse(string? tags, string? skipTags) => new(Split(tags), Split(skipTags));

    private static HashSet<string> Split(string? list) =>
        new((list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
