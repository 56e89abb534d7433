namespace VcLab.Installer.Pipeline;

/// <summary>One stage of the role: one of its task files.</summary>
public interface IInstallStage
{
    /// <summary>The task file's name, kebab-case (e.g. <c>distribute-to-workers</c>).</summary>
    string Name { get; }

    /// <summary>Stages that must have succeeded (or been skipped) before this one.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>Runs even after an earlier stage failed (clean-up).</summary>
    bool AlwaysRun => false;

    /// <summary>Why the stage does not run with these settings, or null when it runs.</summary>
    string? SkipReason(InstallContext context);

    /// <summary>How long the stage may take.</summary>
    TimeSpan Timeout(InstallContext context) => TimeSpan.FromSeconds(context.Settings.VirtualCluster.StageTimeoutSeconds);

    Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken);
}
