namespace VcLab.Installer.Target;

/// <summary>
/// What a program that made the cluster (the lab, a test fixture, the bench) tells the installer it runs in: the super
/// cluster, and the build host when the components are built from source. Everything else comes from settings as usual.
/// </summary>
public sealed record InstallTarget(SuperClusterTarget Cluster, BuildHostTarget? Build = null)
{
    /// <summary>The target as the installer's configuration keys (<see cref="SuperClusterTarget.ToSettings"/>, then the build host's).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() =>
        Cluster.ToSettings().Concat(Build?.ToSettings() ?? new Dictionary<string, string>()).ToDictionary();

    /// <summary>The target's keys with <paramref name="settings"/> on top (they win over the target's): all the installer binds.</summary>
    public IReadOnlyDictionary<string, string?> WithSettings(IReadOnlyDictionary<string, string?> settings)
    {
        var merged = ToSettings().ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return merged;
    }
}
