using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// Sends the lab's own spans (<see cref="HostingTelemetry"/>: the super cluster's start phase by phase, the build
/// container) from the AppHost to the dashboard's OTLP endpoint, with the API key the AppHost gave the dashboard, as
/// the resources' telemetry goes. Without a dashboard (the test builder) nothing is exported; the spans are still made
/// for any listener.
/// </summary>
public static class LabTracing
{
    public const string ServiceName = "vclab-lab";

    public static IDistributedApplicationBuilder AddLabTracing(this IDistributedApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? builder.Configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"];
        if (string.IsNullOrEmpty(endpoint))
        {
            return builder;
        }

        var apiKey = builder.Configuration["AppHost:OtlpApiKey"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(HostingTelemetry.Name)
                .AddSource(VcLab.Installer.Tenants.VirtualClusters.TraceSource) // a tenant's creation: a span per phase
                .AddOtlpExporter(options =>
                {
                    options.Endpoint = new Uri(endpoint);
                    options.Protocol = OtlpExportProtocol.Grpc;
                    if (!string.IsNullOrEmpty(apiKey))
                    {
                        options.Headers = $"x-otlp-api-key={apiKey}";
                    }
                }));
        return builder;
    }
}
