namespace VcLab.Installer.Stages;

/// <summary>Several things are wrong at once; each line names the setting, host, file or permission.</summary>
internal sealed class ProblemsException(string what, IReadOnlyList<string> problems)
    : InvalidOperationException($"{what}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(problem => "  - " + problem))}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
