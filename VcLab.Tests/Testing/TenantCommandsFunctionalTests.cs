using k8s;
using k8s.Models;
using VcLab.Installer.Tenants;
using VcLab.Installer.Waiting;
using VcLab.Testing;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Testing;

/// <summary>
/// The installer's <c>tenant</c> commands as a person types them, against the lab's super cluster: create, list,
/// kubeconfig, pause, resume, delete, and what they refuse.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class TenantCommandsFunctionalTests(VcLabFixture lab)
{
    private const string Image = "debian:bookworm-slim";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tenant_CreateListKubeconfigPauseResumeDelete_FromTheCommandLine_PodsResolveServiceNames()
    {
        // Given the lab, and an image on every worker
        await lab.LoadImageAsync(Image, Token);
        var name = $"t-cli-{Guid.NewGuid().ToString("N")[..5]}";
        var kubeconfig = Path.Combine(TestFolders.Create("vclab-tenant-cli-"), "tenant.kubeconfig");
        try
        {
            // When a tenant is created from the command line
            var (created, createOutput, createError) = await TenantAsync("create", name);

            // Then it says so, phase by phase, and where its kubeconfig is; list shows it, made by this installer
            Assert.True(created == 0, createError + createOutput);
            Assert.Contains($"Tenant default/{name} is created and Running", createOutput, StringComparison.Ordinal);
            Assert.Contains("images of the super cluster's control plane", createOutput, StringComparison.Ordinal);
            Assert.Contains("dns ready", createOutput, StringComparison.Ordinal);
            var (_, list, _) = await TenantAsync("list");
            Assert.Contains(list.Split('\n'), line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains("Running", StringComparison.Ordinal) && line.Contains("this installer", StringComparison.Ordinal));

            // And its kubeconfig, written where it is asked for (mode 0600), reaches the tenant
            var (written, kubeconfigOutput, kubeconfigError) = await TenantAsync("kubeconfig", name, "--output", kubeconfig);
            Assert.True(written == 0, kubeconfigError);
            Assert.Contains($"export KUBECONFIG={kubeconfig}", kubeconfigOutput, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
            using var tenant = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));

            // And a pod in it resolves a Service of the tenant by name, through the tenant's DNS, to the address the Service has on
            // the super cluster (the one the workers route)
            await tenant.AppsV1.CreateNamespacedDeploymentAsync(Sleeper("web"), "default", cancellationToken: Token);
            var service = await tenant.CoreV1.CreateNamespacedServiceAsync(
                new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] } },
                "default",
                cancellationToken: Token);
            var address = await Workloads.WaitForSuperClusterAddressAsync(tenant, "default", "web", Token);
            Assert.NotEqual(service.Spec.ClusterIP, address);
            var lookup = $"for i in $(seq 30); do getent hosts web.default.svc.cluster.local | grep -q '^{address} ' && break; sleep 1; done; getent hosts web.default.svc.cluster.local";
            await tenant.CoreV1.CreateNamespacedPodAsync(Workloads.OneShotPod("lookup", Image, ["sh", "-c", lookup]), "default", cancellationToken: Token);
            Assert.Equal("Succeeded", await Workloads.WaitForPodCompletionAsync(tenant, "default", "lookup", Token));
            Assert.StartsWith(address + " ", await Workloads.ReadLogAsync(tenant, "default", "lookup", Token), StringComparison.Ordinal);
            var summary = (await new VirtualClusters(lab.Client, TimeProvider.System).SummaryAsync("default", name, Token))!;
            var superNamespace = $"{summary.ClusterNamespace}-default";
            await Workloads.WaitForRunningPodsAsync(lab.Client, superNamespace, 1, Token);

            // When it is paused
            var (paused, pauseOutput, pauseError) = await TenantAsync("pause", name);

            // Then its API server and controller manager are scaled to zero, its pods are gone from the super cluster, etcd runs on
            Assert.True(paused == 0, pauseError + pauseOutput);
            foreach (var set in TenantPause.Paused)
            {
                Assert.Equal(0, (await lab.Client.AppsV1.ReadNamespacedStatefulSetAsync(set, summary.ClusterNamespace, cancellationToken: Token)).Spec.Replicas);
            }

            Assert.Empty((await lab.Client.CoreV1.ListNamespacedPodAsync(superNamespace, labelSelector: "app=web", cancellationToken: Token)).Items);
            Assert.Equal(1, (await lab.Client.AppsV1.ReadNamespacedStatefulSetAsync("etcd", summary.ClusterNamespace, cancellationToken: Token)).Status.ReadyReplicas);
            Assert.Contains((await TenantAsync("list")).Output.Split('\n'), line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains("Paused", StringComparison.Ordinal));

            // When it is resumed, then its Deployment's pod runs again on the super cluster, and the tenant answers with its objects kept
            var (resumed, _, resumeError) = await TenantAsync("resume", name);
            Assert.True(resumed == 0, resumeError);
            await Workloads.WaitForRunningPodsAsync(lab.Client, superNamespace, 1, Token);
            Assert.Contains((await tenant.CoreV1.ListNamespacedServiceAsync("default", cancellationToken: Token)).Items, item => item.Metadata.Name == "web");

            // When its deletion is stopped (Ctrl+C) once its VirtualCluster is gone, its namespaces still being deleted
            using (var stopped = InstallerProcess.Start(["tenant", "delete", name, .. Settings()]))
            {
                var stoppedOutput = stopped.StandardOutput.ReadToEndAsync(Token);
                var stoppedError = stopped.StandardError.ReadToEndAsync(Token);
                await Wait.UntilAsync($"VirtualCluster default/{name} is gone", async token =>
                    await new VirtualClusters(lab.Client, TimeProvider.System).FindAsync("default", name, token) is null ? Wait.Probe.Ready("gone") : Wait.Probe.Waiting("there"),
                    TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100), TimeProvider.System, Token);
                using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", stopped.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await interrupt.WaitForExitAsync(Token);
                }

                await stopped.WaitForExitAsync(Token);

                // Then it says so, and that a re-run finishes the job
                Assert.True(stopped.ExitCode == 130, $"exit {stopped.ExitCode} (0: it had finished before Ctrl+C): {await stoppedOutput}{await stoppedError}");
                Assert.Contains("tenant delete was cancelled; what it had deleted goes on being deleted on the super cluster. Run it again to finish.", await stoppedError, StringComparison.Ordinal);
            }

            // When it is run again, then it finishes: the tenant is gone with its namespaces on the super cluster
            var (deleted, deleteOutput, deleteError) = await TenantAsync("delete", name);
            Assert.True(deleted == 0, deleteError);
            Assert.Contains($"Tenant default/{name} is deleted, with its namespaces and pods on the super cluster.", deleteOutput, StringComparison.Ordinal);
            Assert.Null(await new VirtualClusters(lab.Client, TimeProvider.System).FindAsync("default", name, Token));
            Assert.DoesNotContain((await lab.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items, ns => ns.Metadata.Name.StartsWith(summary.ClusterNamespace!, StringComparison.Ordinal));
        }
        finally
        {
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", name, TimeSpan.FromMinutes(3), CancellationToken.None);
        }
    }

    [Fact]
    [BadInput]
    public async Task Tenant_NoSuchTenant_OneSomeoneElseMade_ABadName_AreNamed_AndNothingChanges()
    {
        // Given a VirtualCluster made by hand (not by this installer)
        var theirs = $"t-theirs-{Guid.NewGuid().ToString("N")[..5]}";
        await HandMadeVirtualCluster.CreateAsync(lab.Client, theirs, Token);
        try
        {
            // When the commands are given a tenant that does not exist, that one, and a name that is no name
            var missing = await TenantAsync("kubeconfig", "t-no-such-tenant");
            var refused = await TenantAsync("delete", theirs);
            var taken = await TenantAsync("create", theirs);
            var badName = await TenantAsync("pause", "Not_A_Label");

            // Then each is named, with exit code 1 (the cluster says no) or 2 (bad input), and that tenant is still there
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("There is no tenant t-no-such-tenant in namespace default", missing.Error, StringComparison.Ordinal);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"was created by someone else (no app.kubernetes.io/managed-by label), not by this installer: not doing 'delete' on it. Add --force", refused.Error, StringComparison.Ordinal);
            Assert.Equal(1, taken.ExitCode);
            Assert.Contains($"The name {theirs} is taken", taken.Error, StringComparison.Ordinal);
            Assert.Equal(2, badName.ExitCode);
            Assert.Contains("is 'Not_A_Label': it must be a DNS label", badName.Error, StringComparison.Ordinal);
            Assert.NotNull(await new VirtualClusters(lab.Client, TimeProvider.System).FindAsync("default", theirs, Token));

            // And with --force, its owner's say-so, it is deleted
            Assert.Equal(0, (await TenantAsync("delete", theirs, "--force")).ExitCode);
            Assert.Null(await new VirtualClusters(lab.Client, TimeProvider.System).FindAsync("default", theirs, Token));
        }
        finally
        {
            await new VirtualClusters(lab.Client, TimeProvider.System).DeleteAsync("default", theirs, TimeSpan.FromMinutes(2), CancellationToken.None);
        }
    }

    /// <summary>The installer's <c>tenant VERB ARGS</c> with the lab's settings, as a user would type it with their vars.</summary>
    private async Task<(int ExitCode, string Output, string Error)> TenantAsync(params string[] arguments)
    {
        using var installer = InstallerProcess.Start(["tenant", .. arguments, .. Settings()]);
        var output = installer.StandardOutput.ReadToEndAsync(Token);
        var error = installer.StandardError.ReadToEndAsync(Token);
        await installer.WaitForExitAsync(Token);
        return (installer.ExitCode, await output, await error);
    }

    private IEnumerable<string> Settings() => lab.InstallerSettings().Select(setting => $"--{setting.Key}={setting.Value}");

    private static V1Deployment Sleeper(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = Image, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"] }] },
            },
        },
    };
}
