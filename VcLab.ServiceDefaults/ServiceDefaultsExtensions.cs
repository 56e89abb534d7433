using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every VcLab service gets, in the shape of Aspire's service defaults: OpenTelemetry logs, traces
/// and metrics (exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, as the AppHost does),
/// a liveness health check, service discovery and standard resilience for HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds the defaults; <paramref name="sources"/> are the service's own ActivitySource and Meter names.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] sources)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry(sources);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, params string[] sources)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(sources))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(sources)
                .AddHttpClientInstrumentation()
                .AddProcessor(new ExpectedNotFoundProcessor()));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
