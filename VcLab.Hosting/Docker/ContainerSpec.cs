namespace VcLab.Hosting.Docker;

/// <summary>What a container is started with. Node containers get theirs from <c>NodeContainerSpec</c>.</summary>
public sealed record ContainerSpec(string Name, string Image)
{
    public string? Hostname { get; init; }

    public string? Network { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Capabilities added; "ALL" adds every capability the engine knows.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    /// <summary>Leaves /proc and /sys unmasked and writable (the CLI's "--security-opt systempaths=unconfined").</summary>
    public bool UnconfinedSystemPaths { get; init; }

    /// <summary>tmpfs mounts: path to mount options.</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();

    /// <summary>Bind mounts in docker's "source:target[:mode]" form.</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>Host devices passed through (same path inside).</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    public IReadOnlyList<string> DeviceCgroupRules { get; init; } = [];

    /// <summary>Container port (e.g. "6443/tcp") to host address and port ("127.0.0.1", "0" for any free port).</summary>
    public IReadOnlyDictionary<string, (string HostIp, string HostPort)> PortBindings { get; init; } =
        new Dictionary<string, (string HostIp, string HostPort)>();
}
