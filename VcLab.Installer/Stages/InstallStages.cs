namespace VcLab.Installer.Stages;

/// <summary>
/// The installer's stages, in the role's order of task files: the one list a stage is added to. The container registers
/// them from it (so the runner's order and the recap's follow it) and the command line lists and checks stage names
/// against it. Each stage's <see cref="Pipeline.IInstallStage.Name"/> is the name it has here.
/// </summary>
internal static class InstallStages
{
    public static IReadOnlyList<(string Name, Type Stage)> All { get; } =
    [
        (StageNames.Validate, typeof(ValidateStage)),
        (StageNames.Namespace, typeof(NamespaceStage)),
        (StageNames.Crd, typeof(CrdStage)),
        (StageNames.DownloadSource, typeof(DownloadSourceStage)),
        (StageNames.PatchSource, typeof(PatchSourceStage)),
        (StageNames.BuildBinaries, typeof(BuildBinariesStage)),
        (StageNames.BuildDockerImages, typeof(BuildDockerImagesStage)),
        (StageNames.FetchImages, typeof(FetchImagesStage)),
        (StageNames.UploadToCtrlplane, typeof(UploadToCtrlplaneStage)),
        (StageNames.DistributeToWorkers, typeof(DistributeToWorkersStage)),
        (StageNames.DeployManager, typeof(DeployManagerStage)),
        (StageNames.Verify, typeof(VerifyStage)),
        (StageNames.PromoteImages, typeof(PromoteImagesStage)),
        (StageNames.ClusterVersion, typeof(ClusterVersionStage)),
        (StageNames.VirtualCluster, typeof(VirtualClusterStage)),
    ];

    public static IEnumerable<string> Names => All.Select(stage => stage.Name);
}
