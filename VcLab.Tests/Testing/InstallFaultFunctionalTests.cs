using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Testing;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Testing;

/// <summary>Faults in the middle of an install of the real components: survived, or reported with nothing lost, and a re-run completes.</summary>
[Collection(LabCollection.Name)]
public sealed class InstallFaultFunctionalTests(VcLabFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeployManager_ApiServerRestartedInTheMiddle_IsSurvived_AndARerunChangesNothing()
    {
        // Given an installed lab, and the API server killed the moment deploy-manager starts (the node restarts it)
        var killed = false;
        var log = new TestLogger
        {
            OnMessage = message =>
            {
                if (message == $"Stage {StageNames.DeployManager} starting")
                {
                    var result = lab.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["pkill", "-x", "kube-apiserver"], CancellationToken.None).GetAwaiter().GetResult();
                    killed = result.Succeeded;
                }
            },
        };

        // When the installer runs
        var run = await InProcessInstaller.RunAsync(lab.InstallerSettings(), StageSelection.All, checkMode: false, log, Token);

        // Then deploy-manager waited for the API to come back (saying so) and the run is green, verified
        Assert.True(killed, "the API server was not killed");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains(log.Messages, message => message.StartsWith("The API did not answer (attempt", StringComparison.Ordinal));
        Assert.Equal(StageStatus.Ok, run[StageNames.Verify].Status);

        // And a re-run finds nothing to do
        var rerun = await lab.RunInstallerAsync(Token);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Equal(0, rerun.Count(StageStatus.Changed));
    }
}
