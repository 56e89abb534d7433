using Microsoft.Extensions.Logging;
using VcLab.Hosting.Docker;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Says why the chosen distribution can be used, or refuses it with the way out.</summary>
internal static class DistributionChoice
{
    private static readonly TimeSpan PullTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The reason the chosen distribution will be used; throws <see cref="SuperClusterException"/> when k3s's image cannot be had.</summary>
    public static async Task<string> ReasonAsync(SuperClusterOptions options, IImageEngine images, ILogger log, CancellationToken cancellationToken)
    {
        if (options.Distribution == ClusterDistribution.Debian)
        {
            return "Kubernetes built from Debian's archive (SuperCluster:Distribution=debian, the default): needs no registry";
        }

        if (await images.FindImageIdAsync(options.K3sImage, cancellationToken) is not null)
        {
            return $"SuperCluster:Distribution=k3s, and the Docker engine has {options.K3sImage}";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PullTimeout);
        try
        {
            if (await images.TryPullAsync(options.K3sImage, log, timeout.Token))
            {
                return $"SuperCluster:Distribution=k3s, and {options.K3sImage} was pulled";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No registry answered in time: same way out as a refused pull.
        }

        throw Unavailable(options.K3sImage);
    }

    /// <summary>The error for k3s chosen where its image cannot be had.</summary>
    public static SuperClusterException Unavailable(string k3sImage) => new(
        $"SuperCluster:Distribution is k3s, but the image {k3sImage} cannot be had: the Docker engine does not have it and no registry gave it. " +
        "Use the offline super cluster built from Debian's archive instead: leave SuperCluster:Distribution unset or set it to 'debian' " +
        "(in the AppHost, the parameter super-cluster-distribution: './eng/run-lab.sh --Parameters:super-cluster-distribution=debian'). Or load the image first " +
        $"('docker save {k3sImage}' where a registry answers, 'docker load -i' here), or name another with SuperCluster:K3sImage.");
}
