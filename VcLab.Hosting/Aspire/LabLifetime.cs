using Aspire.Hosting.ApplicationModel;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// The lab's lifetime, from a parameter, with the names of Aspire's <c>ContainerLifetime</c>: <c>session</c> (the
/// default: the lab lives as long as the AppHost) or <c>persistent</c> (Ctrl+C leaves it running; the next start
/// re-attaches to it).
/// </summary>
internal static class LabLifetime
{
    public static async Task<bool> IsPersistentAsync(ParameterResource parameter, CancellationToken cancellationToken)
    {
        var value = await parameter.GetValueAsync(cancellationToken);
        return value?.Trim().ToLowerInvariant() switch
        {
            "session" => false,
            "persistent" => true,
            _ => throw new ArgumentException(
                $"The parameter {parameter.Name} is '{value}': use 'session' (the default: the lab lives as long as the AppHost) " +
                $"or 'persistent' (Ctrl+C leaves it running and the next start re-attaches to it) (Parameters:{parameter.Name})."),
        };
    }
}
