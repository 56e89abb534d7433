using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Pipeline;

public sealed class StageLogLineTests
{
    [Fact]
    public void Parse_TheStageRunnersOwnLines_AreReadBack()
    {
        // Given the lines the stage runner logs for a stage starting, ending, skipped and failed
        var log = new TestLogger();
        InstallerLog.StageStarting(log, "build-images");
        InstallerLog.StageFinished(log, "build-images", StageStatus.Changed, 83.24, "3 images built: manager, syncer, vn-agent");
        InstallerLog.StageFinished(log, "crd", StageStatus.Ok, 0.4, "3 CRDs Established");
        InstallerLog.StageSkipped(log, "clone-source", "not selected (--tags / --skip-tags)");
        InstallerLog.StageFailed(log, "verify", "pod vc-manager-0 is not ready: CrashLoopBackOff");

        // When each is read back
        var lines = log.Messages.Select(StageLogLine.Parse).ToList();

        // Then each names its stage, how it ended, how long it took and what it said
        Assert.Equal(
            [
                new StageLogLine("build-images", null, TimeSpan.Zero, string.Empty),
                new StageLogLine("build-images", StageStatus.Changed, TimeSpan.FromSeconds(83.2), "3 images built: manager, syncer, vn-agent"),
                new StageLogLine("crd", StageStatus.Ok, TimeSpan.FromSeconds(0.4), "3 CRDs Established"),
                new StageLogLine("clone-source", StageStatus.Skipped, TimeSpan.Zero, "not selected (--tags / --skip-tags)"),
                new StageLogLine("verify", StageStatus.Failed, TimeSpan.Zero, "pod vc-manager-0 is not ready: CrashLoopBackOff"),
            ],
            lines);
        Assert.True(lines[0]!.IsStart);
    }

    [Theory]
    [InlineData("      Stage deploy-manager starting", "deploy-manager", null)]
    [InlineData("2026-12-04T19:40:01.1234567Z info: VcLab.Installer.Pipeline.StageRunner[1] Stage deploy-manager starting\r", "deploy-manager", null)]
    [InlineData("      Stage verify Ok in 12,5 s: 3 components Running", "verify", StageStatus.Ok)]
    public void Parse_WhateverTheConsoleFormatterPutBefore_OrACommaInTheSeconds_IsRead(string line, string stage, StageStatus? outcome)
    {
        var parsed = StageLogLine.Parse(line);

        Assert.NotNull(parsed);
        Assert.Equal(stage, parsed.Stage);
        Assert.Equal(outcome, parsed.Outcome);
    }

    [Theory]
    [InlineData("info: VcLab.Installer.Pipeline.StageRunner[1]")]
    [InlineData("      Deployment vc-manager: unchanged")]
    [InlineData("      Backstage deploy starting")]
    [InlineData("")]
    public void Parse_AnyOtherLine_IsNull(string line) => Assert.Null(StageLogLine.Parse(line));
}
