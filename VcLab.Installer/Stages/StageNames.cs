namespace VcLab.Installer.Stages;

/// <summary>The role's task files, in its order: the stages' names.</summary>
internal static class StageNames
{
    public const string Validate = "validate";
    public const string Namespace = "namespace";
    public const string Crd = "crd";
    public const string DownloadSource = "download-source";
    public const string PatchSource = "patch-source";
    public const string BuildBinaries = "build-binaries";
    public const string BuildDockerImages = "build-docker-images";
    public const string FetchImages = "fetch-images";
    public const string UploadToCtrlplane = "upload-to-ctrlplane";
    public const string DistributeToWorkers = "distribute-to-workers";
    public const string DeployManager = "deploy-manager";
    public const string Verify = "verify";
    public const string PromoteImages = "promote-images";
    public const string ClusterVersion = "cluster-version";
    public const string VirtualCluster = "virtual-cluster";
}
