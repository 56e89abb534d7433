using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Installer.Manifests;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// deploy-manager's own decisions about vn-agent's kubelet client certificate, with objects in memory and a control
/// plane that answers as the test says; the functional tests deploy the real components on the lab.
/// </summary>
public sealed class DeployManagerStageTests : IDisposable
{
    private const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIB-not-a-real-certificate\n-----END CERTIFICATE-----\n";
    private const string Key = "-----BEGIN EC PRIVATE KEY-----\nMHcC-not-a-real-key-but-secret\n-----END EC PRIVATE KEY-----\n";
    private static readonly string SecretName = $"Secret vc-manager/{VnAgentManifests.KubeletClientSecret}";
    private static readonly string DaemonSetName = "DaemonSet vc-manager/vn-agent";
    private readonly DirectoryInfo _configDir = new DirectoryInfo(TestFolders.Create("vclab-deploy-"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ControlPlaneHasTheKubeletClient_ItGoesIntoTheSecretOnly_AndVnAgentIsAnnotatedWithItsFingerprint()
    {
        // Given a control plane that holds the kubelet client certificate and key
        var applier = new InMemoryObjectApplier();
        var hosts = ControlPlaneWith(Certificate, Key);

        // When deploy-manager runs twice
        var first = await Stage(applier, hosts).ExecuteAsync(Context(), Token);
        var second = await Stage(applier, hosts).ExecuteAsync(Context(), Token);

        // Then the Secret holds them, vn-agent's pods carry the certificate's fingerprint, the second run changes nothing
        var secret = applier[SecretName].GetProperty("data");
        Assert.Equal(Certificate, Encoding.UTF8.GetString(secret.GetProperty("client.crt").GetBytesFromBase64()));
        Assert.Equal(Key, Encoding.UTF8.GetString(secret.GetProperty("client.key").GetBytesFromBase64()));
        var fingerprint = new KubeletClientCertificate(Encoding.UTF8.GetBytes(Certificate), Encoding.UTF8.GetBytes(Key)).Fingerprint;
        Assert.Equal(fingerprint, Annotation(applier));
        Assert.True(first.Changed);
        Assert.False(second.Changed, second.Summary);
        Assert.Contains(hosts.Commands, command => command.Contains("sudo -n base64 -w0 '/etc/kubernetes/pki/apiserver-kubelet-client.key'", StringComparison.Ordinal));

        // And neither the key nor its base64 is in any file the stage wrote
        foreach (var file in _configDir.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file.FullName, Token);
            Assert.DoesNotContain("not-a-real-key-but-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Execute_KubeletClientRenewed_VnAgentIsConfigured_SoItsPodsRestartWithTheNewOne()
    {
        var applier = new InMemoryObjectApplier();
        await Stage(applier, ControlPlaneWith(Certificate, Key)).ExecuteAsync(Context(), Token);
        var before = Annotation(applier);

        var renewed = await Stage(applier, ControlPlaneWith(Certificate.Replace("not-a-real", "renewed", StringComparison.Ordinal), Key)).ExecuteAsync(Context(), Token);

        Assert.True(renewed.Changed);
        Assert.NotEqual(before, Annotation(applier));
    }

    [Fact]
    public async Task Execute_ControlPlaneWithoutTheKubeletClient_SaysVnAgentForwardsThroughTheApiServer()
    {
        // Given a control plane that is not kubeadm-style (no kubelet client certificate where the setting says)
        var applier = new InMemoryObjectApplier();

        // When deploy-manager runs
        var result = await Stage(applier, new AnsweringHostAccess(_ => "vclab-kubelet-client: - -\n")).ExecuteAsync(Context(), Token);

        // Then it says so, the Secret is there but empty, and vn-agent carries no fingerprint
        Assert.EndsWith("vn-agent has no kubelet client certificate and forwards through the API server", result.Summary, StringComparison.Ordinal);
        Assert.Empty(applier[SecretName].GetProperty("data").GetProperty("client.key").GetBytesFromBase64());
        Assert.Null(Annotation(applier));
    }

    [Fact]
    public async Task Execute_WorkloadsAreAppliedAfterTheAccountsSecretsAndRolesTheyUse()
    {
        // Given an empty cluster
        var applier = new InMemoryObjectApplier();

        // When deploy-manager applies its objects (at once, where it may)
        await Stage(applier, ControlPlaneWith(Certificate, Key)).ExecuteAsync(Context(), Token);

        // Then no Deployment or DaemonSet was applied before any service account, secret or role: a pod never waits for one
        var order = applier.Calls.Select(call => call.Object).ToList();
        var firstWorkload = order.FindIndex(name => name.StartsWith("Deployment ", StringComparison.Ordinal) || name.StartsWith("DaemonSet ", StringComparison.Ordinal));
        Assert.Equal(3, order.Count(name => name.StartsWith("Deployment ", StringComparison.Ordinal) || name.StartsWith("DaemonSet ", StringComparison.Ordinal)));
        Assert.Equal(order.Count - 3, firstWorkload);
        Assert.Contains(SecretName, order);
    }

    public void Dispose() => _configDir.Delete(recursive: true);

    private static AnsweringHostAccess ControlPlaneWith(string certificate, string key) => new(_ =>
        $"vclab-kubelet-client: {Convert.ToBase64String(Encoding.UTF8.GetBytes(certificate))} {Convert.ToBase64String(Encoding.UTF8.GetBytes(key))}\n");

    private static string? Annotation(InMemoryObjectApplier applier) =>
        applier[DaemonSetName].GetProperty("spec").GetProperty("template").GetProperty("metadata").TryGetProperty("annotations", out var annotations)
        && annotations.ValueKind == System.Text.Json.JsonValueKind.Object
            ? annotations.GetProperty(VnAgentManifests.KubeletClientAnnotation).GetString()
            : null;

    private static DeployManagerStage Stage(InMemoryObjectApplier applier, AnsweringHostAccess hosts) => new(applier, hosts, TimeProvider.System, NullLogger<DeployManagerStage>.Instance);

    private InstallContext Context()
    {
        var settings = InstallerSettings.Defaults();
        settings.VirtualCluster.Enabled = true;
        settings.VirtualCluster.ConfigDir = _configDir.FullName;
        return new InstallContext(settings, checkMode: false);
    }
}
