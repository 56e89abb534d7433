using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Installer;
using VcLab.Installer.Options;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Options;

public sealed class AnsibleVarsFileTests
{
    [Fact]
    public void Read_RoleHostVars_BindToTheSettingsWithTheRolesMeaning()
    {
        // Given a host_vars file written for the role, with other roles' variables beside it
        var path = WriteVars("""
            ansible_user: deploy
            k8s_ctrlplane_endpoint: 10.0.0.10
            virtualcluster_enabled: yes
            virtualcluster_namespace: tenants
            virtualcluster_build_from_source: false
            virtualcluster_build_components: [manager, syncer]
            virtualcluster_build_timeout: 900
            virtualcluster_ssh_keyscan_enabled: no
            virtualcluster_pod_resource_requests:
              cpu: "1000m"
              memory: "1Gi"
            virtualcluster_pod_resource_limits:
              cpu: "2000m"
              memory: "2Gi"
            k8s_api_wait_port: 6443
            """);

        // When it is read and bound
        var settings = Bind(AnsibleVarsFile.Read(path).Values);

        // Then every variable lands where the role would use it
        Assert.True(settings.VirtualCluster.Enabled);
        Assert.Equal("tenants", settings.VirtualCluster.Namespace);
        Assert.False(settings.Build.FromSource);
        Assert.Equal(["manager", "syncer"], settings.Build.EffectiveComponents);
        Assert.Equal(900, settings.Build.TimeoutSeconds);
        Assert.False(settings.Ssh.KeyscanEnabled);
        Assert.Equal(("1000m", "1Gi", "2000m", "2Gi"), (settings.Resources.RequestsCpu, settings.Resources.RequestsMemory, settings.Resources.LimitsCpu, settings.Resources.LimitsMemory));
        Assert.Equal(6443, settings.ApiWait.Port);
    }

    [Fact]
    public void Read_ComponentSettings_BindPerComponent_SyncerKeepsItsDefaultGate()
    {
        // Given per-component settings in the later role's shape
        var path = WriteVars("""
            virtualcluster_enabled: true
            virtualcluster_components:
              syncer:
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                extra_args: ["--v=4"]
              vn_agent:
                feature_gates: {KubeletUnixSock: false}
            """);

        // When it is read and bound
        var settings = Bind(AnsibleVarsFile.Read(path).Values);

        // Then each lands on its component, and the syncer still has SyncTenantPVCStatusPhase=true
        Assert.Equal(("100m", "128Mi"), (settings.Components.Syncer.Resources.Requests.Cpu, settings.Components.Syncer.Resources.Requests.Memory));
        Assert.Equal(["--v=4"], settings.Components.Syncer.ExtraArgs);
        Assert.True(settings.Components.Syncer.FeatureGates["SyncTenantPVCStatusPhase"]);
        Assert.False(settings.Components.VnAgent.FeatureGates["KubeletUnixSock"]);
        Assert.True(settings.Components.Manager.Resources.IsEmpty);
    }

    [Fact]
    [BadInput]
    public void Bind_UnknownComponent_IsNamedWithTheKnownOnes()
    {
        var values = new Dictionary<string, string?> { ["VirtualCluster:Components:Controller:ExtraArgs:0"] = "--v=2" };

        var error = Assert.Throws<InvalidInstallerConfigurationException>(() => Bind(values));

        Assert.Contains("virtualcluster_components has 'Controller': known components are manager, syncer and vn-agent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheRoles()
    {
        var settings = Bind(new Dictionary<string, string?>());

        Assert.False(settings.VirtualCluster.Enabled);
        Assert.Equal("vc-manager", settings.VirtualCluster.Namespace);
        Assert.Equal("/etc/kubernetes/admin.conf", settings.VirtualCluster.SuperclusterKubeconfigPath);
        Assert.Equal("~/kubeadm/virtual-cluster", settings.VirtualCluster.ConfigDir);
        Assert.True(settings.Build.FromSource);
        Assert.Equal("localhost", settings.Build.Host);
        Assert.Equal("https://github.com/kubernetes-retired/cluster-api-provider-nested", settings.Build.SourceRepo);
        Assert.Equal("main", settings.Build.SourceVersion);
        Assert.Equal("/tmp/cluster-api-provider-nested", settings.Build.SourceDir);
        Assert.Equal(["manager", "syncer", "vn-agent"], settings.Build.EffectiveComponents);
        Assert.Equal(1800, settings.Build.TimeoutSeconds);
        Assert.Equal("~/.ansible/vc-images-cache", settings.Images.LocalCacheDir);
        Assert.Equal("/tmp/vc-images", settings.Images.CtrlplaneCacheDir);
        Assert.Equal("virtualcluster/manager-amd64:latest", settings.Images.Manager);
        Assert.Equal("virtualcluster/syncer-amd64:latest", settings.Images.Syncer);
        Assert.Equal("virtualcluster/vn-agent-amd64:latest", settings.Images.VnAgent);
        Assert.True(settings.Ssh.KeyscanEnabled);
        Assert.Equal("ansible", settings.Ssh.User);
        Assert.Equal(("500m", "512Mi", "1000m", "1Gi"), (settings.Resources.RequestsCpu, settings.Resources.RequestsMemory, settings.Resources.LimitsCpu, settings.Resources.LimitsMemory));
    }

    [Fact]
    [BadInput]
    public void Read_MisspelledVariables_AllReportedWithTheClosestName()
    {
        var path = WriteVars("""
            virtualcluster_namespce: x
            virtualcluster_pod_resource_requests:
              cpus: "1"
            virtualcluster_enabled: true
            """);

        var (_, problems) = AnsibleVarsFile.Read(path);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, line => line.Contains("'virtualcluster_namespce'", StringComparison.Ordinal) && line.Contains("Did you mean 'virtualcluster_namespace'?", StringComparison.Ordinal));
        Assert.Contains(problems, line => line.Contains("'virtualcluster_pod_resource_requests.cpus'", StringComparison.Ordinal) && line.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AnsibleConnectionVariables_SayHowTheControlPlaneIsReached_UnlessTheRolesOwnVariableIsSet()
    {
        // Given a role user's host_vars with Ansible's connection variables, and the role's own SSH user
        var path = WriteVars("""
            ansible_host: 192.0.2.10
            ansible_user: deploy
            ansible_port: 2222
            ansible_ssh_private_key_file: /home/deploy/.ssh/id_ed25519
            virtualcluster_ssh_user: ansible
            """);

        // When it is read and bound
        var (values, problems) = AnsibleVarsFile.Read(path);
        var settings = Bind(values);

        // Then the control plane is reached as they say, and the role's own variable wins over ansible_user
        Assert.Empty(problems);
        Assert.Equal("192.0.2.10", settings.Ssh.ControlPlaneHost);
        Assert.Equal(2222, settings.Ssh.Port);
        Assert.Equal("/home/deploy/.ssh/id_ed25519", settings.Ssh.PrivateKeyPath);
        Assert.Equal("ansible", settings.Ssh.User);
    }

    [Fact]
    [BadInput]
    public void AddVirtualClusterInstaller_UnknownSettingKey_IsAnError()
    {
        var error = Assert.Throws<InvalidInstallerConfigurationException>(() => Bind(new Dictionary<string, string?> { ["VirtualCluster:Namspace"] = "x" }));

        Assert.Contains("Unknown setting 'VirtualCluster:Namspace'.", error.Errors);
    }

    internal static InstallerSettings Bind(IReadOnlyDictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddLogging().AddVirtualClusterInstaller(configuration).BuildServiceProvider();
        return provider.GetRequiredService<InstallerSettings>();
    }

    private static string WriteVars(string yaml)
    {
        var path = Path.Combine(TestFolders.Create("vclab-vars-"), "host_vars.yml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
