using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Uninstall;

namespace VcLab.Tests.Installer.Pipeline;

public sealed class InstallStagesTests
{
    [Fact]
    public void TheInstallersStages_AreTheCatalogsInItsOrder_EachAfterWhatItDependsOn()
    {
        // Given the installer as its container makes it
        using var provider = Provider();

        // When its stages are resolved
        var stages = provider.GetServices<IInstallStage>().ToList();

        // Then they are the catalog's, named as there and in its order, and each depends only on stages before it
        Assert.Equal(InstallStages.Names, stages.Select(stage => stage.Name));
        Assert.Equal(InstallStages.All.Select(stage => stage.Stage), stages.Select(stage => stage.GetType()));
        Assert.All(stages.Select((stage, index) => (stage, index)), entry =>
            Assert.All(entry.stage.DependsOn, dependency => Assert.Contains(dependency, stages.Take(entry.index).Select(stage => stage.Name))));
    }

    [Fact]
    public void TheUninstallsSteps_AreTheCatalogsInItsOrder_EachAfterWhatItDependsOn()
    {
        using var provider = Provider();

        var steps = provider.GetKeyedServices<IInstallStage>(Uninstaller.Key).ToList();

        Assert.Equal(UninstallSteps.Names, steps.Select(step => step.Name));
        Assert.All(steps.Select((step, index) => (step, index)), entry =>
            Assert.All(entry.step.DependsOn, dependency => Assert.Contains(dependency, steps.Take(entry.index).Select(step => step.Name))));
        Assert.Equal([UninstallStageNames.DeleteVirtualClusters], steps[1].DependsOn);
    }

    private static ServiceProvider Provider() =>
        new ServiceCollection().AddLogging().AddVirtualClusterInstaller(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build()).BuildServiceProvider();
}
