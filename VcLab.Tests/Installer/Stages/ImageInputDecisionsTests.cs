using VcLab.Installer.Images;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

/// <summary>Which image input a run uses and when its images become the last good bundle: the stages' own decisions.</summary>
public sealed class ImageInputDecisionsTests
{
    [Fact]
    public void BuildStages_TarsGiven_AreSkippedSayingWhy_EvenWhenBuildingFromSource()
    {
        var settings = InstallerSettings.Defaults();
        settings.Images.ManagerTar = "/srv/m.tar";

        var reason = new BuildDockerImagesStage(null!, null!).SkipReason(new InstallContext(settings));

        Assert.Equal("image tars are given (virtualcluster_*_image_tar): they are distributed, nothing is built", reason);
        Assert.Null(new FetchImagesStage(null!, null!).SkipReason(new InstallContext(settings)));
    }

    [Fact]
    public void BuildStages_NotFromSource_SkipToTheLastGoodBundle()
    {
        var settings = InstallerSettings.Defaults();
        settings.Build.FromSource = false;

        Assert.Equal(
            "virtualcluster_build_from_source is false: the last good image bundle is distributed",
            new BuildBinariesStage(null!, null!).SkipReason(new InstallContext(settings)));
    }

    [Theory]
    [InlineData(true, true, true, true, "check mode: nothing was deployed")]
    [InlineData(false, false, true, true, "the images came from the last good bundle")]
    [InlineData(false, true, false, true, "deploy-manager and verify did not both pass in this run: the last good bundle is left as it was")]
    [InlineData(false, true, true, false, "deploy-manager and verify did not both pass in this run: the last good bundle is left as it was")]
    [InlineData(false, true, true, true, null)]
    public void PromoteImages_OnlyImagesOfThisRunThatDeployedAndVerified(bool checkMode, bool cached, bool deployed, bool verified, string? expected)
    {
        var context = new InstallContext(InstallerSettings.Defaults(), checkMode);
        if (cached)
        {
            context.Publish(new CachedImages(new ImageSet([], "/cache")));
        }

        if (deployed)
        {
            context.Publish(new Deployed());
        }

        if (verified)
        {
            context.Publish(new Verified());
        }

        Assert.Equal(expected, new PromoteImagesStage().SkipReason(context));
    }
}
