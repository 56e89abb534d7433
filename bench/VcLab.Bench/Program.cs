// bench: the super cluster's speed on this machine.
//   dotnet run --project bench/VcLab.Bench            warm create and delete (binaries cached)
//   dotnet run --project bench/VcLab.Bench -- --cold  also removes the Kubernetes binaries image first (about 10 min)
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;

var cold = args.Contains("--cold");
var cancellationToken = CancellationToken.None;
using var client = await new DockerClientFactory().ConnectAsync(cancellationToken);
var images = new DockerImageEngine(client);
var containers = new DockerContainerEngine(client);
var logger = NullLogger.Instance;
var builder = new LabImageBuilder(images, new BaseImageProvider(images, logger), logger);
var options = new SuperClusterOptions { Name = "vclab-bench" };
var teardown = new SuperClusterTeardown(containers, logger);
await teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);

if (cold)
{
    var binaries = await builder.EnsureAsync(KubernetesImages.Binaries(options.KubernetesSourceVersion), cancellationToken);
    await images.RemoveAsync(binaries, cancellationToken);
    var build = Stopwatch.StartNew();
    await builder.EnsureAsync(KubernetesImages.Binaries(options.KubernetesSourceVersion), cancellationToken);
    Console.WriteLine($"cold Kubernetes binary build: {build.Elapsed.TotalSeconds,7:F1} s");
}

// Warm the image cache, so the figures below are the cluster's own.
await ClusterImages.EnsureAsync(builder, options.KubernetesSourceVersion, cancellationToken);
var provisioner = new SuperClusterProvisioner(containers, images, builder, logger);
var create = Stopwatch.StartNew();
var cluster = await provisioner.CreateAsync(options, cancellationToken);
create.Stop();
var delete = Stopwatch.StartNew();
await teardown.DeleteAsync(options.Name, options.StateDirectory, cancellationToken);
delete.Stop();

Console.WriteLine($"warm super cluster create ({cluster.Nodes.Count} nodes Ready): {create.Elapsed.TotalSeconds,7:F1} s");
Console.WriteLine($"super cluster delete: {delete.Elapsed.TotalSeconds,7:F1} s");
