using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;
using VcLab.Tests.Infrastructure.Otlp;

namespace VcLab.Tests.AppHost;

/// <summary>The whole lab as a developer starts it: the AppHost, headless, on the real Docker engine.</summary>
public sealed class AppHostFunctionalTests
{
    private static readonly TimeSpan LabTimeout = TimeSpan.FromMinutes(40);

    private static readonly string[] Stages =
    [
        StageNames.Validate, StageNames.Namespace, StageNames.Crd, StageNames.DownloadSource, StageNames.PatchSource, StageNames.BuildBinaries,
        StageNames.BuildDockerImages, StageNames.FetchImages, StageNames.UploadToCtrlplane, StageNames.DistributeToWorkers,
        StageNames.DeployManager, StageNames.Verify, StageNames.PromoteImages,
    ];

    [Fact]
    public async Task AppHost_BringsTheLabUp_InstallerFinishesGreen_ComponentsRunOnWorkers_ASpanPerStage_ATenantRuns_ItsDemoPageOpens_TheInstallerRunsAgainFromTheDashboard_APersistentLabIsReattached()
    {
        // Given the AppHost, with a super cluster name of its own, three workers, a persistent lifetime and the demo
        // (parameters), the installer's traces going to an OTLP endpoint here
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LabTimeout);
        var name = $"vca-{Guid.NewGuid().ToString("N")[..6]}";
        await using var traces = await OtlpTraceReceiver.StartAsync(timeout.Token);
        var labSpans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == VcLab.Hosting.HostingTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = labSpans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VcLab_AppHost>([$"--SuperCluster:Name={name}", "--Parameters:super-cluster-workers=3", "--Parameters:lifetime=persistent", "--Parameters:demo=true"], timeout.Token);
        appHost.CreateResourceBuilder(appHost.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "installer"))
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", traces.Endpoint)
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        try
        {
            var app = await appHost.BuildAsync(timeout.Token);
            try
            {
                // When it starts and the installer has run to its end
                await app.StartAsync(timeout.Token);
                ResourceEvent? installer = null;
                await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(timeout.Token))
                {
                    if (resourceEvent.Resource.Name == "installer" && resourceEvent.Snapshot.ExitCode is not null)
                    {
                        installer = resourceEvent;
                        break;
                    }
                }

                // Then the installer exited 0, and vc-manager, vc-syncer and vn-agent run, vn-agent on the workers only
                Assert.Equal(0, installer?.Snapshot.ExitCode);
                Assert.True(app.ResourceNotifications.TryGetCurrentState("super-cluster", out var cluster));
                Assert.Equal(KnownResourceStates.Running, cluster.Snapshot.State?.Text);
                var kubeconfigProperty = cluster.Snapshot.Properties.Single(property => property.Name == "vclab.kubeconfig");
                Assert.True(kubeconfigProperty.IsHighlighted, "the kubeconfig path is shown without 'Show all properties'");
                var kubeconfig = kubeconfigProperty.Value as string;
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
                var pods = (await client.CoreV1.ListNamespacedPodAsync("vc-manager", cancellationToken: timeout.Token)).Items;
                Assert.All(pods, pod => Assert.Equal("Running", pod.Status.Phase));
                Assert.Contains(pods, pod => pod.Metadata.Labels["app"] == "vc-manager");
                Assert.Contains(pods, pod => pod.Metadata.Labels["app"] == "vc-syncer");
                var agents = pods.Where(pod => pod.Metadata.Labels["app"] == "vn-agent").Select(pod => pod.Spec.NodeName).Order().ToList();
                Assert.Equal([$"{name}-worker", $"{name}-worker2", $"{name}-worker3"], agents);

                // And the installer exported one trace: a span for the run, one span per stage under it, one per worker under distribution
                var spans = await InstallerSpansAsync(traces, timeout.Token);
                var run = Assert.Single(spans, span => span.Name == InstallerTelemetry.RunSpan);
                Assert.Equal("installer", run.Service);
                Assert.All(Stages, stage => Assert.Single(spans, span => span.Name == stage && span.ParentSpanId == run.SpanId && span.TraceId == run.TraceId));
                Assert.DoesNotContain(traces.Spans, span => span.Service == "installer" && span.StatusCode == ReceivedSpan.Error);
                var distribute = spans.Single(span => span.Name == StageNames.DistributeToWorkers);
                Assert.Equal(
                    [$"{name}-worker", $"{name}-worker2", $"{name}-worker3"],
                    spans.Where(span => span.ParentSpanId == distribute.SpanId).Select(span => span.Attributes["vclab.worker"]).Order());

                // And the lab's own start made a trace (exported to the dashboard by the AppHost): the super cluster's start with a
                // span per phase under it, and the build container's
                var start = Assert.Single(labSpans, span => span.OperationName == "super-cluster" && Equals(span.GetTagItem("vclab.cluster"), name));
                Assert.Equal(
                    ["build-images", "preload-images", "start-node-containers", "write-pki", "start-control-plane", "start-kubelets", "nodes-ready", "cluster-dns"],
                    labSpans.Where(span => span.ParentSpanId == start.SpanId).OrderBy(span => span.StartTimeUtc).Select(span => span.OperationName));
                Assert.Contains(labSpans, span => span.OperationName == "build-container" && Equals(span.GetTagItem("vclab.container"), $"{name}-build"));
                Assert.DoesNotContain(labSpans, span => span.Status == System.Diagnostics.ActivityStatusCode.Error && span.TraceId == start.TraceId);

                // And the tenant cluster under the super cluster becomes Running, and its kubeconfig reaches its own API server
                var tenant = await app.ResourceNotifications.WaitForResourceAsync(
                    "tenant-1", resourceEvent => resourceEvent.Snapshot.State?.Text is "Running" or "FailedToStart", timeout.Token);
                Assert.Equal(KnownResourceStates.Running, tenant.Snapshot.State?.Text);
                var tenantKubeconfig = tenant.Snapshot.Properties.Single(property => property.Name == "vclab.kubeconfig").Value as string;
                using var tenantClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(tenantKubeconfig));
                Assert.Contains((await tenantClient.CoreV1.ListNamespaceAsync(cancellationToken: timeout.Token)).Items, item => item.Metadata.Name == "kube-system");

                // And its demo page's address appears in its URLs, and opens in a real browser on this machine, naming the tenant,
                // the pod that serves it (a pod of the tenant) and the super cluster's worker it runs on
                var demo = await app.ResourceNotifications.WaitForResourceAsync("tenant-1", resourceEvent => resourceEvent.Snapshot.Urls.Any(url => url.Name == "demo"), timeout.Token);
                var page = await HeadlessBrowser.RenderAsync(new Uri(demo.Snapshot.Urls.Single(url => url.Name == "demo").Url), timeout.Token);
                Assert.Contains("<h1>Hello from tenant tenant-1</h1>", page, StringComparison.Ordinal);
                var server = Assert.Single((await tenantClient.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=vclab-demo", cancellationToken: timeout.Token)).Items);
                Assert.Contains($"<code>{server.Metadata.Name}</code> in the tenant's namespace <code>default</code>", page, StringComparison.Ordinal);
                Assert.Matches($"node <code>{name}-worker[23]?</code>", page);

                // And the super cluster's "Create another tenant" command makes tenant-2, whose kubeconfig it gives
                var another = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("super-cluster", "create-tenant", timeout.Token);
                Assert.True(another.Success, another.Message);
                Assert.StartsWith("tenant-2 is Running; kubeconfig: ", another.Message, StringComparison.Ordinal);
                using var secondClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(another.Message!["tenant-2 is Running; kubeconfig: ".Length..]));
                Assert.Contains((await secondClient.CoreV1.ListNamespaceAsync(cancellationToken: timeout.Token)).Items, item => item.Metadata.Name == "kube-system");

                // And the dashboard's Start on the ended installer (what its console says to use after a failure) runs it again
                // to its end: exit 0, nothing to change
                var firstEnd = installer!.Snapshot.StopTimeStamp;
                var started = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("installer", KnownResourceCommands.StartCommand, timeout.Token);
                Assert.True(started.Success, started.Message);
                var secondRun = await app.ResourceNotifications.WaitForResourceAsync(
                    "installer", resourceEvent => resourceEvent.Snapshot.ExitCode is not null && resourceEvent.Snapshot.StartTimeStamp > firstEnd, timeout.Token);
                Assert.Equal(0, secondRun.Snapshot.ExitCode);
                Assert.Contains(await LogLinesAsync(app, secondRun.Resource, "changed=0", timeout.Token), line => line.Contains("changed=0", StringComparison.Ordinal));
            }
            finally
            {
                // Stopped (Ctrl+C): with lifetime persistent the super cluster, its tenants and the build container stay
                await app.DisposeAsync();
            }

            // When the AppHost starts again with the same lifetime
            var again = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VcLab_AppHost>(
                [$"--SuperCluster:Name={name}", "--Parameters:super-cluster-workers=3", "--Parameters:lifetime=persistent", "--Parameters:demo=true"], timeout.Token);
            await using var second = await again.BuildAsync(timeout.Token);
            await second.StartAsync(timeout.Token);

            // Then the super cluster is re-attached (not created anew), the installer finds nothing to do, and tenant-1 is
            // the same tenant, Running, its kubeconfig still reaching its API server
            var reattached = await second.ResourceNotifications.WaitForResourceAsync(
                "super-cluster", resourceEvent => resourceEvent.Snapshot.State?.Text is "Running" or "FailedToStart", timeout.Token);
            Assert.Equal(KnownResourceStates.Running, reattached.Snapshot.State?.Text);
            Assert.Contains(await LogLinesAsync(second, reattached.Resource, "re-attached", timeout.Token), line => line.Contains($"Super cluster {name} re-attached", StringComparison.Ordinal));
            var rerun = await second.ResourceNotifications.WaitForResourceAsync("installer", resourceEvent => resourceEvent.Snapshot.ExitCode is not null, timeout.Token);
            Assert.Equal(0, rerun.Snapshot.ExitCode);
            Assert.Contains(await LogLinesAsync(second, rerun.Resource, "changed=", timeout.Token), line => line.Contains("changed=0", StringComparison.Ordinal));
            var sameTenant = await second.ResourceNotifications.WaitForResourceAsync(
                "tenant-1", resourceEvent => resourceEvent.Snapshot.State?.Text is "Running" or "FailedToStart", timeout.Token);
            Assert.Equal(KnownResourceStates.Running, sameTenant.Snapshot.State?.Text);
            var sameKubeconfig = sameTenant.Snapshot.Properties.Single(property => property.Name == "vclab.kubeconfig").Value as string;
            using var sameClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(sameKubeconfig));
            Assert.Contains((await sameClient.CoreV1.ListNamespaceAsync(cancellationToken: timeout.Token)).Items, item => item.Metadata.Name == "kube-system");
        }
        finally
        {
            // The persistent lab is removed by hand, as a user would (docker rm of its containers, its state folder)
            using var parts = await VcLab.Hosting.LabParts.ConnectAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
            await parts.Teardown.DeleteAsync(name, new VcLab.Hosting.SuperCluster.SuperClusterOptions().StateDirectory, CancellationToken.None);
            await parts.Containers.RemoveAsync($"{name}-build", CancellationToken.None);
            await VcLab.Hosting.LabCaches.RemoveAsync(parts.Containers, name, CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<string>> LogLinesAsync(DistributedApplication app, IResource resource, string until, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        enough.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource).WithCancellation(enough.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
                if (lines.Any(line => line.Contains(until, StringComparison.Ordinal)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return lines;
    }

    /// <summary>The installer's spans, once its run span has arrived (it ends last, and the exporter sends in batches).</summary>
    private static async Task<IReadOnlyList<ReceivedSpan>> InstallerSpansAsync(OtlpTraceReceiver traces, CancellationToken cancellationToken)
    {
        await Wait.UntilAsync("the installer's run span reaches the test's OTLP receiver", token => Task.FromResult(
            traces.Spans.Any(span => span.Name == InstallerTelemetry.RunSpan) ? Wait.Probe.Ready("arrived") : Wait.Probe.Waiting($"{traces.Spans.Count} spans, not the run's")),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        return [.. traces.Spans.Where(span => span.Scope == InstallerTelemetry.Name)];
    }
}
