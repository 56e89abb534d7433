namespace VcLab.Installer.Manifests;

/// <summary>Names shared by the manifests and the checks that read them back.</summary>
internal static class ManifestNames
{
    public const string Manager = "vc-manager";
    public const string Syncer = "vc-syncer";
    public const string VnAgent = "vn-agent";
    public const string WebhookLabel = "virtualcluster-webhook";
    public const int WebhookPort = 9443;
    public const string WebhookCertDirectory = "/tmp/k8s-webhook-server";
    public const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";
    public const string MasterLabel = "node-role.kubernetes.io/master";
    public const string TenancyGroup = "tenancy.x-k8s.io";
}
