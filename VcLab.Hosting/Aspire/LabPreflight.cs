using VcLab.Hosting.Docker;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// What the AppHost checks before it starts anything: a usable Docker engine and free ports for the dashboard
/// (else it stops at once, saying what to do).
/// </summary>
public static class LabPreflight
{
    /// <summary>Null when the lab can start; otherwise the message to print.</summary>
    public static async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = await new DockerClientFactory().ConnectAsync(cancellationToken);
            return AppHostPorts.Problem(Environment.GetEnvironmentVariable);
        }
        catch (DockerUnavailableException exception)
        {
            return exception.Message;
        }
    }
}
