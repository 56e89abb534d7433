using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Tests.Installer.Pipeline;

public sealed class StageRunnerTests
{
    private static InstallContext Enabled(Action<InstallerSettings>? change = null)
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        change?.Invoke(settings);
        return new InstallContext(settings);
    }

    [Fact]
    public async Task RunAsync_DependenciesFirst_ThenDeclaredOrder()
    {
        var log = new List<string>();
        var runner = Runner(new FakeStage("c", log, "b"), new FakeStage("a", log), new FakeStage("b", log, "a"), new FakeStage("d", log));

        var recap = await runner.RunAsync(Enabled(), StageSelection.All, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c", "d"], log);
        Assert.All(recap.Stages, stage => Assert.Equal(StageStatus.Changed, stage.Status));
    }

    [Fact]
    public async Task RunAsync_NotEnabled_SkipsEverythingAndSaysWhy()
    {
        var log = new List<string>();
        var context = new InstallContext(InstallerSettings.Defaults());

        var recap = await Runner(new FakeStage("a", log)).RunAsync(context, StageSelection.All, TestContext.Current.CancellationToken);

        Assert.Empty(log);
        Assert.Equal(StageStatus.Skipped, recap["a"].Status);
        Assert.Equal("virtualcluster_enabled is false", recap["a"].Message);
    }

    [Fact]
    public async Task RunAsync_StageFails_WrappedWithItsName_LaterStagesNotRun_CleanupStillRuns()
    {
        var log = new List<string>();
        var runner = Runner(
            new FakeStage("first", log),
            new FakeStage("breaks", log) { Failure = new IOException("disk full") },
            new FakeStage("after", log),
            new FakeStage("cleanup", log) { Cleanup = true });

        var recap = await runner.RunAsync(Enabled(), StageSelection.All, TestContext.Current.CancellationToken);

        Assert.False(recap.Succeeded);
        Assert.Equal(StageStatus.Failed, recap["breaks"].Status);
        var error = Assert.IsType<StageFailedException>(recap["breaks"].Error);
        Assert.Equal("Stage 'breaks' failed: disk full", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(StageStatus.NotRun, recap["after"].Status);
        Assert.Equal(["first", "breaks", "cleanup"], log);
    }

    [Fact]
    public async Task RunAsync_StageExceedsItsTimeout_IsReportedAsATimeout()
    {
        var slow = new FakeStage("slow", []) { Delay = TimeSpan.FromSeconds(30), TimeoutOverride = TimeSpan.FromMilliseconds(100) };

        var recap = await Runner(slow).RunAsync(Enabled(), StageSelection.All, TestContext.Current.CancellationToken);

        Assert.Equal(StageStatus.TimedOut, recap["slow"].Status);
        Assert.Equal("timed out after 0 s", recap["slow"].Message);
        Assert.IsType<TimeoutException>(recap["slow"].Error!.InnerException);
    }

    [Fact]
    public async Task RunAsync_TagsAndSkipReasons_SkipWithTheReason()
    {
        var log = new List<string>();
        var runner = Runner(new FakeStage("a", log), new FakeStage("b", log) { Skip = "build_from_source is false" }, new FakeStage("c", log));

        var recap = await runner.RunAsync(Enabled(), StageSelection.Parse("a,b", null), TestContext.Current.CancellationToken);

        Assert.Equal(["a"], log);
        Assert.Equal("build_from_source is false", recap["b"].Message);
        Assert.Equal("not selected (--tags / --skip-tags)", recap["c"].Message);
        Assert.Contains("ok=0 changed=1 skipped=2 failed=0", recap.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EachStage_IsASpanWithStatusAndChanged()
    {
        // Given a listener on the installer's trace source
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == InstallerTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        // When two stages run, one of them failing
        var recap = await Runner(new FakeStage("one", []), new FakeStage("two", []) { Failure = new InvalidOperationException("no") })
            .RunAsync(Enabled(), StageSelection.All, TestContext.Current.CancellationToken);

        // Then each has its span, tagged with its outcome, under one span for the run
        Assert.False(recap.Succeeded);
        var run = Assert.Single(spans, span => span.OperationName == InstallerTelemetry.RunSpan && span.TraceId == spans.First(stage => stage.OperationName == "one").TraceId);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, run.Status);
        Assert.All(spans.Where(span => span.OperationName is "one" or "two"), span => Assert.Equal(run.SpanId, span.ParentSpanId));
        var one = Assert.Single(spans, span => span.OperationName == "one");
        Assert.Equal("Changed", one.GetTagItem("vclab.status"));
        Assert.Equal(true, one.GetTagItem("vclab.changed"));
        var two = Assert.Single(spans, span => span.OperationName == "two");
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, two.Status);
        Assert.Equal("Failed", two.GetTagItem("vclab.status"));
    }

    [Theory]
    [InlineData("duplicate", "stage 'a' is declared 2 times")]
    [InlineData("unknown", "stage 'a' depends on unknown stage 'nowhere'")]
    [InlineData("cycle", "a cycle among a, b")]
    public void Order_InvalidGraph_IsRejectedWithTheProblem(string kind, string expected)
    {
        IInstallStage[] stages = kind switch
        {
            "duplicate" => [new FakeStage("a", []), new FakeStage("a", [])],
            "unknown" => [new FakeStage("a", [], "nowhere")],
            _ => [new FakeStage("a", [], "b"), new FakeStage("b", [], "a")],
        };

        var error = Assert.Throws<InvalidOperationException>(() => StageGraph.Order(stages));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static StageRunner Runner(params IInstallStage[] stages) => new(stages, NullLogger<StageRunner>.Instance);

    private sealed class FakeStage(string name, List<string> log, params string[] dependsOn) : IInstallStage
    {
        public Exception? Failure { get; init; }

        public TimeSpan Delay { get; init; }

        public TimeSpan? TimeoutOverride { get; init; }

        public string? Skip { get; init; }

        public bool Cleanup { get; init; }

        public string Name => name;

        public IReadOnlyList<string> DependsOn => dependsOn;

        public bool AlwaysRun => Cleanup;

        public string? SkipReason(InstallContext context) => Skip;

        public TimeSpan Timeout(InstallContext context) => TimeoutOverride ?? TimeSpan.FromMinutes(1);

        public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
        {
            log.Add(name);
            await Task.Delay(Delay, cancellationToken);
            return Failure is null ? StageResult.ChangedWith("done") : throw Failure;
        }
    }
}
