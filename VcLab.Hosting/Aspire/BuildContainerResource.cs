using Aspire.Hosting.ApplicationModel;

namespace VcLab.Hosting.Aspire;

/// <summary>The lab's build container as an Aspire resource (git, make, Go, the Docker CLI on the host's engine).</summary>
public sealed class BuildContainerResource(string name, string containerName) : Resource(name)
{
    public string ContainerName { get; } = containerName;

    /// <summary>The volume that keeps the installer's checkout across the lab's restarts (<see cref="LabCaches"/>).</summary>
    public string? SourceVolume { get; init; }

    /// <summary>The running container, once it is up.</summary>
    public BuildContainer.BuildContainer? Container { get; internal set; }

    /// <summary>The lab's lifetime parameter (session or persistent), or null for session.</summary>
    internal ParameterResource? Lifetime { get; set; }

    /// <summary>Kept running when the AppHost stops (known once it has started).</summary>
    internal bool Persistent { get; set; }

    /// <summary>Whether the AppHost removes the container when it stops: once this session knows its lifetime is <c>session</c>.</summary>
    internal bool RemoveOnStop { get; set; }
}
