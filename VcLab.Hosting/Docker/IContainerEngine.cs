namespace VcLab.Hosting.Docker;

/// <summary>The containers and networks of a container engine, as the lab uses them.</summary>
public interface IContainerEngine
{
    /// <summary>Creates and starts a container; returns its ID.</summary>
    Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container and waits for it.</summary>
    Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, CancellationToken cancellationToken);

    /// <summary>Writes one file into a container with the given mode and owner.</summary>
    Task WriteFileAsync(string container, ContainerFile file, CancellationToken cancellationToken);

    /// <summary>The container's IPv4 address on a network.</summary>
    Task<string> GetAddressAsync(string container, string network, CancellationToken cancellationToken);

    /// <summary>The host port a container port (e.g. "6443/tcp") is published on.</summary>
    Task<int> GetPublishedPortAsync(string container, string containerPort, CancellationToken cancellationToken);

    /// <summary>The last lines the container's main process wrote.</summary>
    Task<string> GetLogTailAsync(string container, int lines, CancellationToken cancellationToken);

    /// <summary>Removes a container and its anonymous volumes; a missing container is not an error.</summary>
    Task RemoveAsync(string container, CancellationToken cancellationToken);

    /// <summary>The container of that name if it is running; null when there is none, or it is stopped.</summary>
    Task<RunningContainer?> FindRunningAsync(string name, CancellationToken cancellationToken);

    /// <summary>IDs of containers (running or not) that carry a label with a value.</summary>
    Task<IReadOnlyList<string>> ListByLabelAsync(string label, string value, CancellationToken cancellationToken);

    /// <summary>Creates a bridge network unless one of that name exists.</summary>
    Task EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a network; a missing network is not an error.</summary>
    Task RemoveNetworkAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes a named volume; one that is not there is fine.</summary>
    Task RemoveVolumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Whether a volume of exactly that name exists.</summary>
    Task<bool> VolumeExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The labels of a network, or null when there is no network of that name.</summary>
    Task<IReadOnlyDictionary<string, string>?> FindNetworkLabelsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Names of networks that carry a label with a value.</summary>
    Task<IReadOnlyList<string>> ListNetworksByLabelAsync(string label, string value, CancellationToken cancellationToken);
}
