namespace VcLab.Installer.Hosts;

/// <summary>
/// How the installer reaches the machines it works on: the build host and the control plane. The real one is
/// <see cref="HostShellFactory"/> (a local process, docker exec or SSH); a test of a stage's decisions may give shells
/// of its own.
/// </summary>
internal interface IHostAccess
{
    /// <summary>The build host (virtualcluster_build_host).</summary>
    Task<IHostShell> BuildHostAsync(CancellationToken cancellationToken);

    /// <summary>The control plane, logged into as virtualcluster_ssh_user.</summary>
    Task<IHostShell> ControlPlaneAsync(CancellationToken cancellationToken);

    /// <summary>The private key logins from this machine use.</summary>
    string PrivateKeyPath { get; }

    /// <summary>Where the control plane is logged into: user@host:port.</summary>
    string ControlPlaneAddress { get; }
}
