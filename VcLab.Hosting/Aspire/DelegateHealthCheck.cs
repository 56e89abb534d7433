using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VcLab.Hosting.Aspire;

/// <summary>A health check made of a function, for checks that need the AppHost's services.</summary>
internal sealed class DelegateHealthCheck(Func<CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => check(cancellationToken);
}
