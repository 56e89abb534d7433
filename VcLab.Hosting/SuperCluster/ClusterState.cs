using VcLab.Hosting.Docker;
using VcLab.Hosting.Ssh;
using VcLab.Installer;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// What every super cluster starts from, whatever its distribution: its state folder on this machine
/// (<c>StateDirectory/NAME</c>, owner-only files, marked as VcLab's), a fresh SSH key pair saved there, and its own Docker network.
/// </summary>
internal sealed record ClusterState(string Directory, SshKeyPair Keys)
{
    public string KeyPath => Path.Combine(Directory, "id_ecdsa");

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    public static async Task<ClusterState> CreateAsync(IContainerEngine containers, SuperClusterOptions options, CancellationToken cancellationToken)
    {
        var state = new ClusterState(
            OwnedFolder.Create(Path.Combine(options.StateDirectory, options.Name), $"the state of the super cluster '{options.Name}'"),
            SshKeyPair.Generate($"vclab@{options.Name}"));
        state.Keys.Save(state.KeyPath);
        await containers.EnsureNetworkAsync(options.Name, new Dictionary<string, string> { [SuperCluster.ClusterLabel] = options.Name }, cancellationToken);
        return state;
    }
}
