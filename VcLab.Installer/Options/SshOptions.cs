namespace VcLab.Installer.Options;

/// <summary>How nodes are reached over SSH.</summary>
public sealed class SshOptions
{
    public const string Section = "VirtualCluster:Ssh";

    /// <summary>Login user on the nodes. Ansible: <c>virtualcluster_ssh_user</c> (the role's default is ansible_user, "ansible").</summary>
    public string User { get; set; } = "ansible";

    /// <summary>Pin scanned host keys (true) or skip host key checks (false). Ansible: <c>virtualcluster_ssh_keyscan_enabled</c>.</summary>
    public bool KeyscanEnabled { get; set; } = true;

    /// <summary>Private key for logins from this machine (VcLab's own setting; Ansible takes it from the inventory).</summary>
    public string? PrivateKeyPath { get; set; }
}
