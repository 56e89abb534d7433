using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer.Stages;

/// <summary>
/// deploy-manager.yml: writes all-in-one.yaml (vc-manager, vc-syncer, vn-agent) and applies it server-side, with
/// vn-agent's Secret holding the super cluster's kubelet client certificate, read from the control plane over SSH
/// (applied, never written to a file or logged).
/// </summary>
internal sealed class DeployManagerStage(IObjectApplier applier, IHostAccess hosts, TimeProvider time, ILogger<DeployManagerStage> logger) : IInstallStage
{
    public string Name => StageNames.DeployManager;

    public IReadOnlyList<string> DependsOn => [StageNames.Crd, StageNames.DistributeToWorkers];

    public string? SkipReason(InstallContext context) => null;

    public async Task<StageResult> ExecuteAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var certificate = await ReadKubeletClientAsync(context, cancellationToken);
        var objects = RoleManifests.AllInOne(context.Settings, certificate?.Fingerprint);
        await ManifestFiles.WriteAsync(context.Settings, RoleManifests.AllInOneFile, objects, logger, cancellationToken);
        var result = await ApplyStep.ApplyAllAsync(applier, context, [VnAgentManifests.KubeletClient(context.Settings.VirtualCluster.Namespace, certificate), .. objects], time, logger, cancellationToken);
        context.Publish(new Deployed());
        return certificate is null
            ? result with { Summary = $"{result.Summary}; vn-agent has no kubelet client certificate and forwards through the API server" }
            : result;
    }

    /// <summary>The certificate and key from the control plane (sudo), or null, with a warning, when they are not there.</summary>
    private async Task<KubeletClientCertificate?> ReadKubeletClientAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var vc = context.Settings.VirtualCluster;
        await using var controlPlane = await hosts.ControlPlaneAsync(cancellationToken);
        var script = $"""
            if sudo -n test -s {Sh.Quote(vc.KubeletClientCertificatePath)} && sudo -n test -s {Sh.Quote(vc.KubeletClientKeyPath)}; then
              echo "vclab-kubelet-client: $(sudo -n base64 -w0 {Sh.Quote(vc.KubeletClientCertificatePath)}) $(sudo -n base64 -w0 {Sh.Quote(vc.KubeletClientKeyPath)})"
            else
              echo "vclab-kubelet-client: - -"
            fi
            """;
        var fields = (await controlPlane.RunAsync(script, cancellationToken)).EnsureSuccess().MarkedFields("vclab-kubelet-client:");
        if (fields[0] == "-")
        {
            InstallerLog.NoKubeletClient(logger, controlPlane.Name, vc.KubeletClientCertificatePath, vc.KubeletClientKeyPath);
            return null;
        }

        return new KubeletClientCertificate(Convert.FromBase64String(fields[0]), Convert.FromBase64String(fields[1]));
    }
}
