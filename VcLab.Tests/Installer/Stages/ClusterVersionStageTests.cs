using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Tenants;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// cluster-version's own decisions (what it writes, applies and says), with ClusterVersions in memory; the tenant
/// functional tests write the real one on the lab and make tenants from it.
/// </summary>
public sealed class ClusterVersionStageTests : IDisposable
{
    private static readonly TenantImages SuperClusterImages = new("registry.example/etcd:3.4.13-0", "registry.example/kube-apiserver:v1.20.2", "registry.example/kube-controller-manager:v1.20.2");
    private readonly DirectoryInfo _configDir = new(TestFolders.Create("vclab-cluster-version-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ImagesOfTheSuperCluster_TheManifestIsWrittenAndApplied_ARerunChangesNothing()
    {
        // Given a super cluster whose control plane runs these images
        var clusterVersions = new InMemoryClusterVersions(SuperClusterImages, detected: true);

        // When cluster-version runs twice
        var first = await Stage(clusterVersions).ExecuteAsync(Context(), Token);
        var second = await Stage(clusterVersions).ExecuteAsync(Context(), Token);

        // Then the ClusterVersion names those images, the file beside the other manifests is what was applied, the summary
        // says where the images came from, and the second run changes nothing
        var applied = clusterVersions[new TenantOptions().ClusterVersion]!;
        var text = applied.ToJsonString();
        Assert.Contains(SuperClusterImages.Etcd, text, StringComparison.Ordinal);
        Assert.Contains(SuperClusterImages.ApiServer, text, StringComparison.Ordinal);
        Assert.Contains(SuperClusterImages.ControllerManager, text, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(applied, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_configDir.FullName, ClusterVersionStage.File), Token))));
        Assert.True(first.Changed);
        Assert.StartsWith($"ClusterVersion {new TenantOptions().ClusterVersion} created: etcd {SuperClusterImages.Etcd}", first.Summary, StringComparison.Ordinal);
        Assert.EndsWith("(from the super cluster's control-plane pods)", first.Summary, StringComparison.Ordinal);
        Assert.False(second.Changed, second.Summary);
        Assert.Contains(" unchanged: ", second.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_CheckMode_IsADryRun_NothingIsKept()
    {
        var clusterVersions = new InMemoryClusterVersions(SuperClusterImages, detected: true);

        var result = await Stage(clusterVersions).ExecuteAsync(Context(checkMode: true), Token);

        Assert.True(result.Changed);
        Assert.All(clusterVersions.Calls, call => Assert.True(call.DryRun));
        Assert.Null(clusterVersions[new TenantOptions().ClusterVersion]);
    }

    [Fact]
    public async Task Execute_ImagesFromTheSettings_SaysSo_AndTheApiServerGetsTheRuntimeConfig()
    {
        // Given images and an API server runtime-config from the settings
        var context = Context();
        context.Settings.Tenant.ApiServerRuntimeConfig = "batch/v2alpha1=false";
        var clusterVersions = new InMemoryClusterVersions(SuperClusterImages, detected: false);

        // When cluster-version runs
        var result = await Stage(clusterVersions).ExecuteAsync(context, Token);

        // Then the summary names the settings, and the tenant's API server is told the runtime-config
        Assert.EndsWith("(from the settings)", result.Summary, StringComparison.Ordinal);
        Assert.Contains("--runtime-config=batch/v2alpha1=false", clusterVersions[context.Settings.Tenant.ClusterVersion]!.ToJsonString(), StringComparison.Ordinal);
    }

    public void Dispose() => _configDir.Delete(recursive: true);

    private static ClusterVersionStage Stage(InMemoryClusterVersions clusterVersions) => new(clusterVersions, NullLogger<ClusterVersionStage>.Instance);

    private InstallContext Context(bool checkMode = false)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.VirtualCluster.ConfigDir = _configDir.FullName;
        return new InstallContext(settings, checkMode);
    }
}
