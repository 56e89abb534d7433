using System.Net;
using System.Net.Sockets;
using VcLab.Hosting.Processes;

namespace VcLab.Hosting.Aspire;

/// <summary>
/// The fixed ports the AppHost listens on (the dashboard and its endpoints, from the launch profile or the
/// environment), checked before anything starts, so that a port in use is named instead of failing half-way.
/// </summary>
internal static class AppHostPorts
{
    private static readonly (string Variable, string What)[] Endpoints =
    [
        ("ASPNETCORE_URLS", "the Aspire dashboard"),
        ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "the dashboard's OTLP endpoint"),
        ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "the dashboard's OTLP/HTTP endpoint"),
        ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "the dashboard's resource service"),
    ];

    /// <summary>Null when every port is free; otherwise a message naming the port, the setting, who holds it and what to do.</summary>
    public static string? Problem(Func<string, string?> environment)
    {
        foreach (var (variable, what) in Endpoints)
        {
            foreach (var url in (environment(variable) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0 || InUse(uri) is not true)
                {
                    continue;
                }

                var owner = PortOwner.Describe(uri.Port) is { } process ? $" by {process}" : string.Empty;
                return $"{uri.Host}:{uri.Port} for {what} ({variable}={url}) is already in use{owner}. " +
                    "Another VcLab AppHost may be running: stop it, or give this one a free port, for example " +
                    $"'{variable}={uri.Scheme}://{uri.Host}:{FreePort()} ./eng/run-lab.sh'.";
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool? InUse(Uri uri)
    {
        var address = uri.Host is "localhost" ? IPAddress.Loopback
            : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : null;
        if (address is null)
        {
            return null;
        }

        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, uri.Port));
            return false;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}
