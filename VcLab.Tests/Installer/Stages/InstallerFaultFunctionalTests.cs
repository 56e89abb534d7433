using k8s;
using k8s.Models;
using VcLab.Installer.Manifests;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>Bad input against the real super cluster: each is a clear error, and the cluster is left untouched.</summary>
[Collection(SuperClusterCollection.Name)]
public sealed class InstallerFaultFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [Fault]
    public async Task Validate_CredentialsForbidden_NamesVerbAndResource_NamespaceNotCreated()
    {
        // Given a kubeconfig for a service account with no permissions at all
        var kubeconfig = await PowerlessKubeconfigAsync();
        var ns = $"vc-denied-{Guid.NewGuid().ToString("N")[..5]}";

        // When the installer runs with it
        var recap = await InstallerRunner.RunAsync(new Dictionary<string, string?>
        {
            ["VirtualCluster:SuperclusterKubeconfigPath"] = kubeconfig,
            ["VirtualCluster:Namespace"] = ns,
        });

        // Then validate names what is denied, and nothing was created
        var validate = recap[StageNames.Validate];
        Assert.Equal(StageStatus.Failed, validate.Status);
        Assert.Contains("may not create namespaces", validate.Message, StringComparison.Ordinal);
        Assert.Contains("may not create customresourcedefinitions.apiextensions.k8s.io", validate.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items, item => item.Metadata.Name == ns);
    }

    [Fact]
    [Fault]
    public async Task Validate_SshKeyMissing_Or_UserRefused_NamedBeforeAnythingChanges()
    {
        // Given the lab's cluster, once with a key file that does not exist and once with a user the control plane does not know
        var ns = $"vc-nokey-{Guid.NewGuid().ToString("N")[..5]}";
        var missingKey = Path.Combine(Path.GetTempPath(), $"vclab-no-key-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["VirtualCluster:SuperclusterKubeconfigPath"] = lab.Cluster.KubeconfigPath,
            ["VirtualCluster:Namespace"] = ns,
            ["VirtualCluster:Ssh:ControlPlaneHost"] = lab.Cluster.ControlPlane.Address,
            ["VirtualCluster:Ssh:PrivateKeyPath"] = missingKey,
            ["VirtualCluster:Ssh:User"] = lab.Cluster.SshUser,
        };

        // When the installer runs with each
        var noKey = await InstallerRunner.RunAsync(settings);
        settings["VirtualCluster:Ssh:PrivateKeyPath"] = lab.Cluster.SshPrivateKeyPath;
        settings["VirtualCluster:Ssh:User"] = "nobody-here";
        var refused = await InstallerRunner.RunAsync(settings);

        // Then validate names the key, then the login, and nothing was created
        Assert.Equal(StageStatus.Failed, noKey[StageNames.Validate].Status);
        Assert.Contains($"The SSH private key '{missingKey}' does not exist", noKey[StageNames.Validate].Message, StringComparison.Ordinal);
        Assert.Equal(StageStatus.Failed, refused[StageNames.Validate].Status);
        Assert.Contains($"cannot be reached over SSH as nobody-here@{lab.Cluster.ControlPlane.Address}:22", refused[StageNames.Validate].Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items, item => item.Metadata.Name == ns);
    }

    [Fact]
    [Fault]
    public async Task Crd_IncompatibleCrdPresent_FailsNamingIt_AndLeavesItAsItWas()
    {
        // Given a virtualclusters CRD of the same name but cluster-scoped
        var existing = await ReplaceWithIncompatibleCrdAsync();
        try
        {
            // When the installer runs
            var recap = await InstallerRunner.RunAsync(new Dictionary<string, string?>
            {
                ["VirtualCluster:SuperclusterKubeconfigPath"] = lab.Cluster.KubeconfigPath,
                ["VirtualCluster:Namespace"] = $"vc-crd-{Guid.NewGuid().ToString("N")[..5]}",
                ["VirtualCluster:Ssh:ControlPlaneHost"] = lab.Cluster.ControlPlane.Address,
                ["VirtualCluster:Ssh:PrivateKeyPath"] = lab.Cluster.SshPrivateKeyPath,
                ["VirtualCluster:Ssh:User"] = lab.Cluster.SshUser,
            });

            // Then crd fails naming the CRD and the difference, and the CRD is untouched
            var crd = recap[StageNames.Crd];
            Assert.Equal(StageStatus.Failed, crd.Status);
            Assert.Contains("CRD virtualclusters.tenancy.x-k8s.io is Cluster-scoped; VirtualCluster needs it Namespaced-scoped.", crd.Message, StringComparison.Ordinal);
            var after = await lab.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CustomResourceDefinitions.VirtualClusters, cancellationToken: Token);
            Assert.Equal("Cluster", after.Spec.Scope);
            Assert.Equal(existing.Metadata.Uid, after.Metadata.Uid);
        }
        finally
        {
            await DeleteCrdAsync(CustomResourceDefinitions.VirtualClusters);
        }
    }

    private async Task<V1CustomResourceDefinition> ReplaceWithIncompatibleCrdAsync()
    {
        await DeleteCrdAsync(CustomResourceDefinitions.VirtualClusters);
        var incompatible = CustomResourceDefinitions.VirtualCluster();
        incompatible.Spec.Scope = "Cluster";
        return await lab.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(incompatible, cancellationToken: Token);
    }

    private async Task DeleteCrdAsync(string name)
    {
        try
        {
            await lab.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name, cancellationToken: Token);
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return;
        }

        await Wait.UntilAsync($"CRD {name} is gone", async token =>
        {
            var list = await lab.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: token);
            return list.Items.All(item => item.Metadata.Name != name) ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting("still listed");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);
    }

    /// <summary>A kubeconfig with the token of a fresh service account that has no role bindings.</summary>
    private async Task<string> PowerlessKubeconfigAsync()
    {
        var ns = $"powerless-{Guid.NewGuid().ToString("N")[..5]}";
        await lab.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Token);
        await lab.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "nobody" } }, ns, cancellationToken: Token);
        V1Secret? secret = null;
        await Wait.UntilAsync($"service account {ns}/nobody has its token", async token =>
        {
            var account = await lab.Client.CoreV1.ReadNamespacedServiceAccountAsync("nobody", ns, cancellationToken: token);
            if (account.Secrets?.FirstOrDefault() is not { } reference)
            {
                return Wait.Probe.Waiting("no token secret yet");
            }

            secret = await lab.Client.CoreV1.ReadNamespacedSecretAsync(reference.Name, ns, cancellationToken: token);
            return Wait.Probe.Ready("token");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);
        Assert.NotNull(secret);
        var token = System.Text.Encoding.UTF8.GetString(secret.Data["token"]);
        var ca = Convert.ToBase64String(secret.Data["ca.crt"]);
        var path = Path.Combine(TestFolders.Create("vclab-kc-"), "config");
        File.WriteAllText(path, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "{{{lab.Cluster.ApiServer.ToString().TrimEnd('/')}}}", certificate-authority-data: {{{ca}}}}}]
            users: [{name: nobody, user: {token: "{{{token}}}"}}]
            contexts: [{name: x, context: {cluster: c, user: nobody}}]
            current-context: x
            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
