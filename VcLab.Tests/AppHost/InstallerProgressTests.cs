using Microsoft.Extensions.Time.Testing;
using VcLab.Hosting.Aspire;

namespace VcLab.Tests.AppHost;

public sealed class InstallerProgressTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Read_QuickStages_SayOnlyThatTheInstallerRuns()
    {
        var progress = new InstallerProgress(_time);

        var first = progress.Read("      Stage validate-api starting");
        _time.Advance(TimeSpan.FromSeconds(2));
        var ended = progress.Read("      Stage validate-api Ok in 2.0 s: API v1.20.15 answers");
        var other = progress.Read("      Namespace vc-manager: unchanged");

        Assert.Equal(["running its stages (each is in the dashboard; one that takes over 20 s is shown here too)"], first);
        Assert.Empty(ended);
        Assert.Empty(other);
        Assert.Empty(progress.Tick());
    }

    [Fact]
    public void Tick_AStageLongerThan20Seconds_IsSaidThenEvery30Seconds_AndWhenItEnds()
    {
        // Given a stage that has started
        var progress = new InstallerProgress(_time);
        progress.Read("      Stage build-images starting");

        // When time passes, looked at every 5 s as the AppHost does
        List<string> said = [];
        for (var second = 5; second <= 85; second += 5)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            said.AddRange(progress.Tick());
        }

        said.AddRange(progress.Read("      Stage build-images Changed in 87.3 s: 3 images built"));

        // Then it is said at 20 s, 50 s and 80 s, and how it ended
        Assert.Equal(
            [
                "build-images running, 20 s so far",
                "build-images running, 50 s so far",
                "build-images running, 1 min 20 s so far",
                "build-images changed in 1 min 27 s: 3 images built",
            ],
            said);
        Assert.Empty(progress.Tick());
    }

    [Fact]
    public void Read_AFailedStage_IsSaidAtOnce_WithItsReason()
    {
        var progress = new InstallerProgress(_time);
        progress.Read("      Stage verify starting");

        var said = progress.Read("fail: VcLab.Installer.Pipeline.StageRunner[4] Stage verify failed: pod vc-manager-0 is not ready");

        Assert.Equal(["verify failed: pod vc-manager-0 is not ready"], said);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(progress.Tick());
    }

    [Fact]
    public void Ended_ARunStoppedInAStage_IsNotSaidToRunOn_AndTheNextRunIsSaidFromItsFirstStart()
    {
        // Given a run stopped in a long stage, one of whose lines is read after its end
        var progress = new InstallerProgress(_time);
        progress.Read("      Stage validate-api starting");
        progress.Read("      Stage build-images starting");
        progress.Ended();
        var late = progress.Read("      Stage validate-api Ok in 2.0 s: API v1.20.15 answers");

        // When time passes, then the dashboard starts it again
        _time.Advance(TimeSpan.FromMinutes(2));
        var ticked = progress.Tick();
        var again = progress.Read("      Stage validate-api starting");

        // Then the stopped stage is not said to run, the late line says nothing, and the new run is said as the first was
        Assert.Empty(late);
        Assert.Empty(ticked);
        Assert.Equal(["running its stages (each is in the dashboard; one that takes over 20 s is shown here too)"], again);
    }
}
