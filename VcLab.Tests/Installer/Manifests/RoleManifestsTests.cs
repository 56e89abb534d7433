using k8s;
using k8s.Models;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;

namespace VcLab.Tests.Installer.Manifests;

public sealed class RoleManifestsTests
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "Installer", "Manifests", "Golden");

    [Theory]
    [InlineData(RoleManifests.NamespaceFile)]
    [InlineData(RoleManifests.ClusterVersionCrdFile)]
    [InlineData(RoleManifests.VirtualClusterCrdFile)]
    [InlineData(RoleManifests.AllInOneFile)]
    public void Render_DefaultSettings_MatchesTheGoldenFile(string file)
    {
        // Given the role's defaults
        var (_, objects) = RoleManifests.Files(InstallerSettings.Defaults()).Single(entry => entry.File == file);

        // When rendered
        var yaml = RoleManifests.ToYaml(objects);

        // Then it is the reviewed file (regenerate with VCLAB_UPDATE_GOLDEN=1 and review the diff)
        var golden = Path.Combine(GoldenDirectory, file);
        if (Environment.GetEnvironmentVariable("VCLAB_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(FindRepositoryRoot(), "VcLab.Tests", "Installer", "Manifests", "Golden", file);
            File.WriteAllText(source, yaml);
        }

        Assert.Equal(File.ReadAllText(golden), yaml);
    }

    [Fact]
    public void AllInOne_PerComponentSettings_ReachEachContainer_AfterVcLabsOwnFlags()
    {
        // Given each component with settings of its own
        var settings = InstallerSettings.Defaults();
        settings.Components.Manager.Resources.Limits.Memory = "3Gi";
        settings.Components.Manager.ExtraArgs.Add("--v=2");
        settings.Components.Syncer.FeatureGates["SuperClusterPooling"] = false;
        settings.Components.Syncer.Resources.Requests.Cpu = "100m";
        settings.Components.VnAgent.ExtraArgs.Add("--v=4");

        // When the all-in-one file is rendered and read back
        var objects = KubernetesYaml.LoadAllFromString(RoleManifests.ToYaml(RoleManifests.AllInOne(settings)));
        V1Container Container(string name) => objects.OfType<V1Deployment>().Where(item => item.Metadata.Name == name).Select(item => item.Spec.Template.Spec)
            .Concat(objects.OfType<V1DaemonSet>().Where(item => item.Metadata.Name == name).Select(item => item.Spec.Template.Spec)).Single().Containers.Single();

        // Then each container has its own, and vc-manager keeps the role's resources where it set none of its own
        var manager = Container("vc-manager");
        Assert.Equal(["--disable-stacktrace=true", "--enable-webhook=true", "--v=2"], manager.Args);
        Assert.Equal("3Gi", manager.Resources.Limits["memory"].ToString());
        Assert.Equal("500m", manager.Resources.Requests["cpu"].ToString());
        var syncer = Container("vc-syncer");
        Assert.Equal("--feature-gates=SuperClusterPooling=false,SyncTenantPVCStatusPhase=true", syncer.Args[^1]);
        Assert.Equal("100m", syncer.Resources.Requests["cpu"].ToString());
        Assert.Null(syncer.Resources.Limits);
        Assert.Equal(["--v=4"], Container("vn-agent").Args);
    }

    [Fact]
    public void AllInOne_RoundTripsThroughTheKubernetesModels_WithTheRolesFixes()
    {
        // Given settings a user changed
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Namespace = "tenants";
        settings.Resources.RequestsCpu = "250m";
        settings.Resources.LimitsMemory = "2Gi";

        // When the all-in-one file is rendered and read back
        var objects = KubernetesYaml.LoadAllFromString(RoleManifests.ToYaml(RoleManifests.AllInOne(settings)));

        // Then it holds the objects with the fixes later role versions needed
        var manager = objects.OfType<V1Deployment>().Single(item => item.Metadata.Name == "vc-manager");
        var container = manager.Spec.Template.Spec.Containers.Single();
        Assert.Equal("tenants", manager.Metadata.NamespaceProperty);
        Assert.Equal("true", manager.Spec.Template.Metadata.Labels["virtualcluster-webhook"]);
        Assert.Equal(9443, container.Ports.Single().ContainerPort);
        Assert.Equal("/tmp/k8s-webhook-server", container.VolumeMounts.Single().MountPath);
        Assert.NotNull(manager.Spec.Template.Spec.Volumes.Single().EmptyDir);
        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("2Gi", container.Resources.Limits["memory"].ToString());
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);

        var managerRole = objects.OfType<V1ClusterRole>().Single(item => item.Metadata.Name == "vc-manager-role");
        Assert.Contains(managerRole.Rules, rule => rule.ApiGroups.Contains("admissionregistration.k8s.io"));
        Assert.Contains(managerRole.Rules, rule => rule.ApiGroups.Contains("coordination.k8s.io"));

        var syncer = objects.OfType<V1Deployment>().Single(item => item.Metadata.Name == "vc-syncer");
        var syncerContainer = syncer.Spec.Template.Spec.Containers.Single();
        Assert.Equal(["syncer"], syncerContainer.Command);
        Assert.Contains("--leader-elect-resource-lock=leases", syncerContainer.Args);
        Assert.Equal("vc-syncer", syncer.Spec.Template.Spec.ServiceAccountName);
        Assert.Contains(objects.OfType<V1ServiceAccount>(), item => item.Metadata.Name == "vc-syncer");
        Assert.Contains(objects.OfType<V1ClusterRole>(), item => item.Metadata.Name == "vc-syncer-role");

        var agent = objects.OfType<V1DaemonSet>().Single();
        var terms = agent.Spec.Template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single().MatchExpressions;
        Assert.Contains(terms, term => term.Key == "node-role.kubernetes.io/control-plane" && term.OperatorProperty == "DoesNotExist");
        Assert.Contains(terms, term => term.Key == "node-role.kubernetes.io/master" && term.OperatorProperty == "DoesNotExist");
        Assert.All(objects.OfType<V1Deployment>().SelectMany(item => item.Spec.Template.Spec.Containers).Concat(agent.Spec.Template.Spec.Containers),
            item => Assert.Equal("IfNotPresent", item.ImagePullPolicy));
    }

    [Fact]
    public void Crds_MatchTheUpstreamTypes()
    {
        var clusterVersion = CustomResourceDefinitions.ClusterVersion();
        var virtualCluster = CustomResourceDefinitions.VirtualCluster();

        Assert.Equal(("Cluster", "cv"), (clusterVersion.Spec.Scope, clusterVersion.Spec.Names.ShortNames.Single()));
        Assert.Equal(("Namespaced", "vc"), (virtualCluster.Spec.Scope, virtualCluster.Spec.Names.ShortNames.Single()));
        var schema = virtualCluster.Spec.Versions.Single().Schema.OpenAPIV3Schema;
        Assert.Equal(["clusterVersionName"], schema.Properties["spec"].Required);
        Assert.Contains("Failed", schema.Properties["status"].Properties["phase"].EnumProperty.Cast<string>());
        var etcd = clusterVersion.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"].Properties["etcd"];
        Assert.True(etcd.Properties["statefulset"].XKubernetesEmbeddedResource);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VcLab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("VcLab.sln not found above the test folder.");
    }
}
