namespace VcLab.Installer.Pipeline;

/// <summary>Checks the stage graph (duplicate names, unknown dependencies, cycles) and orders it.</summary>
internal static class StageGraph
{
    /// <summary>Dependencies first; otherwise the order the stages were given in (the role's order).</summary>
    public static IReadOnlyList<IInstallStage> Order(IEnumerable<IInstallStage> stages)
    {
        var list = stages.ToList();
        var problems = new List<string>();
        problems.AddRange(list.GroupBy(stage => stage.Name).Where(group => group.Count() > 1).Select(group => $"stage '{group.Key}' is declared {group.Count()} times"));
        var names = list.Select(stage => stage.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(list.SelectMany(stage => stage.DependsOn.Where(dependency => !names.Contains(dependency)).Select(dependency => $"stage '{stage.Name}' depends on unknown stage '{dependency}'")));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid stage graph: " + string.Join("; ", problems));
        }

        var ordered = new List<IInstallStage>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < list.Count)
        {
            var next = list.FirstOrDefault(stage => !done.Contains(stage.Name) && stage.DependsOn.All(done.Contains))
                ?? throw new InvalidOperationException(
                    "Invalid stage graph: a cycle among " + string.Join(", ", list.Where(stage => !done.Contains(stage.Name)).Select(stage => stage.Name)));
            ordered.Add(next);
            done.Add(next.Name);
        }

        return ordered;
    }
}
