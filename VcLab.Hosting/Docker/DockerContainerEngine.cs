using Docker.DotNet;
using Docker.DotNet.Models;

namespace VcLab.Hosting.Docker;

/// <summary><see cref="IContainerEngine"/> over the Docker Engine API.</summary>
internal sealed class DockerContainerEngine(IDockerClient client) : IContainerEngine
{
    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var created = await client.Containers.CreateContainerAsync(ToParameters(spec), cancellationToken);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
        return created.ID;
    }

    public async Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var exec = await client.Exec.CreateContainerExecAsync(
            container,
            new ContainerExecCreateParameters { Cmd = [.. command], AttachStdout = true, AttachStderr = true },
            cancellationToken);
        using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
        var inspected = await client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken);
        return new ExecResult(inspected.ExitCode ?? -1, stdout, stderr);
    }

    /// <remarks>
    /// Written through a shell in the container rather than the archive API: the archive API writes beneath
    /// tmpfs mounts (such as a node's /tmp and /run), where the file would be hidden.
    /// </remarks>
    public async Task WriteFileAsync(string container, ContainerFile file, CancellationToken cancellationToken)
    {
        var mode = Convert.ToString((int)file.Mode, 8);
        var script = "set -e; umask 077; mkdir -p \"$(dirname \"$1\")\"; cat > \"$1.vclab-new\"; " +
                     $"chown {file.UserId}:{file.GroupId} \"$1.vclab-new\"; chmod {mode} \"$1.vclab-new\"; mv \"$1.vclab-new\" \"$1\"";
        var exec = await client.Exec.CreateContainerExecAsync(
            container,
            new ContainerExecCreateParameters { Cmd = ["sh", "-c", script, "sh", file.Path], AttachStdin = true, AttachStdout = true, AttachStderr = true },
            cancellationToken);
        using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken);
        await stream.WriteAsync(file.Content, 0, file.Content.Length, cancellationToken);
        stream.CloseWrite();
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
        var inspected = await client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken);
        new ExecResult(inspected.ExitCode ?? -1, stdout, stderr).EnsureSuccess(container, ["write", file.Path]);
    }

    public async Task<string> GetAddressAsync(string container, string network, CancellationToken cancellationToken)
    {
        var inspected = await client.Containers.InspectContainerAsync(container, cancellationToken);
        return inspected.NetworkSettings?.Networks is { } networks && networks.TryGetValue(network, out var endpoint) && !string.IsNullOrEmpty(endpoint.IPAddress)
            ? endpoint.IPAddress
            : throw new InvalidOperationException($"Container {container} has no address on network {network}.");
    }

    public async Task<int> GetPublishedPortAsync(string container, string containerPort, CancellationToken cancellationToken)
    {
        var inspected = await client.Containers.InspectContainerAsync(container, cancellationToken);
        return inspected.NetworkSettings?.Ports is { } ports && ports.TryGetValue(containerPort, out var bindings) && bindings?.Count > 0
            ? int.Parse(bindings[0].HostPort, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Container {container} does not publish {containerPort}.");
    }

    public async Task<string> GetLogTailAsync(string container, int lines, CancellationToken cancellationToken)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(
            container,
            new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
        return stdout + stderr;
    }

    public async Task RemoveAsync(string container, CancellationToken cancellationToken)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    public async Task<RunningContainer?> FindRunningAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await client.Containers.InspectContainerAsync(name, cancellationToken);
            return inspected.State?.Running == true
                ? new RunningContainer(inspected.ID, inspected.Config?.Image ?? "", inspected.Config?.Labels?.ToDictionary() ?? [])
                : null;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListByLabelAsync(string label, string value, CancellationToken cancellationToken)
    {
        var containers = await client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LabelFilter(label, value) },
            cancellationToken);
        return [.. containers.Select(container => container.ID)];
    }

    public async Task EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        if (await FindNetworkLabelsAsync(name, cancellationToken) is not null)
        {
            return;
        }

        await client.Networks.CreateNetworkAsync(
            new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = labels.ToDictionary() },
            cancellationToken);
    }

    public async Task RemoveNetworkAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.Networks.DeleteNetworkAsync(name, cancellationToken);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.Volumes.RemoveAsync(name, force: true, cancellationToken);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    public async Task<bool> VolumeExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.Volumes.InspectAsync(name, cancellationToken);
            return true;
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>?> FindNetworkLabelsAsync(string name, CancellationToken cancellationToken)
    {
        var networks = await client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"^{name}$"] = true } } },
            cancellationToken);
        return networks.FirstOrDefault(network => network.Name == name) is { } found
            ? (IReadOnlyDictionary<string, string>)(found.Labels ?? new Dictionary<string, string>())
            : null;
    }

    public async Task<IReadOnlyList<string>> ListNetworksByLabelAsync(string label, string value, CancellationToken cancellationToken)
    {
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(label, value) }, cancellationToken);
        return [.. networks.Select(network => network.Name)];
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string label, string value) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } };

    private static CreateContainerParameters ToParameters(ContainerSpec spec) => new()
    {
        Name = spec.Name,
        Image = spec.Image,
        Hostname = spec.Hostname!,
        Cmd = spec.Command is null ? null! : [.. spec.Command],
        Env = [.. spec.Environment.Select(variable => $"{variable.Key}={variable.Value}")],
        Labels = spec.Labels.ToDictionary(),
        ExposedPorts = spec.PortBindings.Keys.ToDictionary(port => port, _ => new EmptyStruct()),
        HostConfig = new HostConfig
        {
            NetworkMode = spec.Network!,
            CapAdd = [.. spec.CapAdd],
            CapDrop = [.. spec.CapDrop],
            SecurityOpt = [.. spec.SecurityOptions],
            MaskedPaths = spec.UnconfinedSystemPaths ? [] : null!,
            ReadonlyPaths = spec.UnconfinedSystemPaths ? [] : null!,
            Tmpfs = spec.Tmpfs.ToDictionary(),
            Binds = [.. spec.Binds],
            Devices = [.. spec.Devices.Select(device => new DeviceMapping { PathOnHost = device, PathInContainer = device, CgroupPermissions = "rwm" })],
            DeviceCgroupRules = [.. spec.DeviceCgroupRules],
            PortBindings = spec.PortBindings.ToDictionary(
                binding => binding.Key,
                binding => (IList<PortBinding>)[new PortBinding { HostIP = binding.Value.HostIp, HostPort = binding.Value.HostPort }]),
        },
    };
}
