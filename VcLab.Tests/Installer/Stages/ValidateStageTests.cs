using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>validate against inputs that need no cluster: they must fail before anything is touched.</summary>
public sealed class ValidateStageTests
{
    [Fact]
    [BadInput]
    public async Task Run_KubeconfigMissing_FailsInValidateNamingTheFile_NothingElseRuns()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vclab-missing-{Guid.NewGuid():N}.conf");

        var recap = await InstallerRunner.RunAsync(new Dictionary<string, string?> { ["VirtualCluster:SuperclusterKubeconfigPath"] = missing });

        Assert.Equal(StageStatus.Failed, recap[StageNames.Validate].Status);
        Assert.Contains($"virtualcluster_supercluster_kubeconfig_path: the kubeconfig '{missing}' does not exist", recap[StageNames.Validate].Message, StringComparison.Ordinal);
        Assert.All(recap.Stages.Skip(1), stage => Assert.Equal(StageStatus.NotRun, stage.Status));
    }

    [Fact]
    [Fault]
    public async Task Run_ApiUnreachable_FailsAfterTheWaitNamingHostAndPort()
    {
        // Given a kubeconfig whose server nobody listens on
        var kubeconfig = Path.Combine(TestFolders.Create("vclab-kc-"), "config");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: not-a-secret}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var recap = await InstallerRunner.RunAsync(new Dictionary<string, string?>
        {
            ["VirtualCluster:SuperclusterKubeconfigPath"] = kubeconfig,
            ["VirtualCluster:ApiWait:TimeoutSeconds"] = "2",
        });

        Assert.Equal(StageStatus.Failed, recap[StageNames.Validate].Status);
        Assert.Contains("not reachable at 127.0.0.1:1 (k8s_api_wait_host / k8s_api_wait_port) after 2 s", recap[StageNames.Validate].Message, StringComparison.Ordinal);
    }
}
