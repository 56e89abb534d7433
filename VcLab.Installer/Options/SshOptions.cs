namespace VcLab.Installer.Options;

/// <summary>How nodes are reached over SSH.</summary>
public sealed class SshOptions
{
    public const string Section = "VirtualCluster:Ssh";

    /// <summary>Login user on the nodes. Ansible: <c>virtualcluster_ssh_user</c> (the role's default is ansible_user, "ansible").</summary>
    public string User { get; set; } = "ansible";

    /// <summary>Pin scanned host keys (true) or skip host key checks (false). Ansible: <c>virtualcluster_ssh_keyscan_enabled</c>.</summary>
    public bool KeyscanEnabled { get; set; } = true;

    /// <summary>The control plane's SSH address (VcLab's own setting; default: the kubeconfig's server host).</summary>
    public string? ControlPlaneHost { get; set; }

    /// <summary>SSH port of the control plane and the build host (VcLab's own setting).</summary>
    public int Port { get; set; } = 22;

    /// <summary>How many workers receive images at once (VcLab's own setting).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Private key for logins from this machine (VcLab's own setting; Ansible takes it from the inventory).</summary>
    public string? PrivateKeyPath { get; set; }
}
