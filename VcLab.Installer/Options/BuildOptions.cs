namespace VcLab.Installer.Options;

/// <summary>Where and what to build from source.</summary>
public sealed class BuildOptions
{
    public const string Section = "VirtualCluster:Build";

    /// <summary>Build from source (true) or distribute existing images (false). Ansible: <c>virtualcluster_build_from_source</c>.</summary>
    public bool FromSource { get; set; } = true;

    /// <summary>The build host: localhost, or a host reached over SSH. Ansible: <c>virtualcluster_build_host</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Source repository. Ansible: <c>virtualcluster_source_repo</c>.</summary>
    public string SourceRepo { get; set; } = Source.UpstreamSource.DefaultRepository;

    /// <summary>Branch, tag or commit. Ansible: <c>virtualcluster_source_version</c>.</summary>
    public string SourceVersion { get; set; } = "main";

    /// <summary>Checkout folder on the build host. Ansible: <c>virtualcluster_source_dir</c>.</summary>
    public string SourceDir { get; set; } = "/tmp/cluster-api-provider-nested";

    /// <summary>
    /// A folder on the build host with the upstream source for machines without GitHub and the Go module proxy
    /// (VcLab's own setting): <c>cluster-api-provider-nested.bundle</c>, <c>virtualcluster-vendor.tar.gz</c> and their
    /// <c>SHA256SUMS</c>. When set, the bundle is cloned (unless virtualcluster_source_repo names another repository)
    /// and the build uses the vendored modules with no network. Unset (the default): the upstream URLs.
    /// </summary>
    public string? OfflineUpstreamDir { get; set; }

    /// <summary>Components to build. Ansible: <c>virtualcluster_build_components</c>.</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>Bound on the build, in seconds. Ansible: <c>virtualcluster_build_timeout</c>.</summary>
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>The role's default component list, used when none is configured.</summary>
    public static IReadOnlyList<string> DefaultComponents { get; } = ["manager", "syncer", "vn-agent"];

    public IReadOnlyList<string> EffectiveComponents => Components.Count > 0 ? Components : DefaultComponents;
}
