using System.Diagnostics;
using k8s;
using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.Kubernetes;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// Finds a super cluster that an earlier start left running (a persistent lab) and gives it back as it is, in
/// seconds: every node container running from today's node image with the lab's services running in it (not restarted),
/// its static pods from today's control-plane image, its state folder (kubeconfig, SSH key) in place, no worker beyond
/// those wanted, the API answering and every node Ready. When any of that is not so it says why and gives null, and
/// the cluster is created anew.
/// </summary>
internal sealed class SuperClusterReattacher(IContainerEngine containers, LabImageBuilder imageBuilder, ILogger logger)
{
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(10);

    public async Task<SuperCluster?> AttachAsync(SuperClusterOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (cluster, reason) = await FindAsync(options, cancellationToken);
        if (cluster is null)
        {
            HostingLog.ClusterNotReattached(logger, options.Name, reason);
            return null;
        }

        HostingLog.ClusterReattached(logger, options.Name, Stopwatch.GetElapsedTime(started).TotalSeconds, cluster.Nodes.Count, cluster.ApiServer);
        return cluster;
    }

    private async Task<(SuperCluster? Cluster, string Reason)> FindAsync(SuperClusterOptions options, CancellationToken cancellationToken)
    {
        if (options.Distribution != ClusterDistribution.Debian)
        {
            return (null, "only the Debian-built lab is re-attached");
        }

        var state = Path.Combine(options.StateDirectory, options.Name);
        var kubeconfig = Path.Combine(state, "kubeconfig");
        var key = Path.Combine(state, "id_ecdsa");
        if (!File.Exists(kubeconfig) || !File.Exists(key))
        {
            return (null, $"no kubeconfig and SSH key in {state}");
        }

        var images = await ClusterImages.EnsureAsync(imageBuilder, options.KubernetesSourceVersion, options.UpstreamDir, cancellationToken);
        var nodes = new List<ClusterNode>();
        foreach (var (name, role) in options.NodeNames())
        {
            var container = await containers.FindRunningAsync(name, cancellationToken);
            if (container is null)
            {
                return (null, $"node container {name} is not running");
            }

            if (container.Image != images.KubeNode)
            {
                return (null, $"{name} runs {container.Image}, not today's {images.KubeNode}");
            }

            nodes.Add(new ClusterNode(name, container.Id, await containers.GetAddressAsync(container.Id, options.Name, cancellationToken), role, nodes.Count));
        }

        // A node container that was restarted (by hand, or an engine restart with a restart policy) runs none of the
        // services the lab started in it: it is not this cluster any more, whatever the API still says of its node.
        if (await NodeServicesCheck.ProblemAsync(containers, nodes, cancellationToken) is { } stopped)
        {
            return (null, stopped);
        }

        // A control plane whose static pods run another control-plane image (an earlier VcLab's, or none) is not today's.
        var controlPlane = nodes.Single(node => node.Role == NodeRole.ControlPlane);
        if (await StaticPodImageAsync(controlPlane, cancellationToken) is var running && running != images.ControlPlane)
        {
            return (null, $"the static pods of {controlPlane.Name} run {running ?? "nothing"}, not today's {images.ControlPlane}");
        }

        // A cluster made with more workers than are wanted now is not this one either.
        var beyond = options.WorkerName(options.Workers + 1);
        if (await containers.FindRunningAsync(beyond, cancellationToken) is not null)
        {
            return (null, $"it has more workers than the {options.Workers} wanted ({beyond} runs)");
        }

        using var client = LabClusterApi.Connect(kubeconfig);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ApiTimeout);
        try
        {
            var notReady = await ClusterReadiness.NotReadyNodesAsync(client, nodes.Select(node => node.Name), timeout.Token);
            if (notReady.Count > 0)
            {
                return (null, $"not Ready: {string.Join(", ", notReady)}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"its API does not answer: {exception.Message}");
        }

        return (new SuperCluster(options.Name, nodes, kubeconfig, key, options.SshUser, client.BaseUri)
        {
            ControlPlaneImage = images.ControlPlane,
            CoreDnsImage = images.CoreDns,
        }, "attached");
    }

    private async Task<string?> StaticPodImageAsync(ClusterNode controlPlane, CancellationToken cancellationToken)
    {
        var manifest = await containers.ExecAsync(controlPlane.ContainerId, ["cat", $"{ControlPlanePods.ManifestDirectory}/kube-apiserver.yaml"], cancellationToken);
        return manifest.Succeeded ? KubernetesYaml.Deserialize<k8s.Models.V1Pod>(manifest.StandardOutput).Spec.Containers[0].Image : null;
    }
}
