namespace VcLab.Hosting.SuperCluster;

/// <summary>A long-running program on a node, started through vclab-service (log: /var/log/vclab/NAME.log).</summary>
internal sealed record NodeService(string Name, IReadOnlyList<string> Command)
{
    public IReadOnlyList<string> StartCommand => ["setsid", "vclab-service", Name, .. Command];

    public string LogPath => $"/var/log/vclab/{Name}.log";
}
