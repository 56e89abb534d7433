using System.Net;
using System.Net.Sockets;
using VcLab.Hosting.Aspire;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.AppHost;

public sealed class AppHostPortsTests
{
    [Fact]
    [BadInput]
    public void Problem_DashboardPortHeld_NamesThePortTheSettingTheHolderAndWhatToDo()
    {
        // Given a port this test process listens on, set as the dashboard's address
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var url = $"http://127.0.0.1:{port}";

        // When the AppHost's ports are checked
        var problem = AppHostPorts.Problem(variable => variable == "ASPNETCORE_URLS" ? url : null);

        // Then the message names the port, the setting, this process, and the way out
        Assert.NotNull(problem);
        Assert.Contains($"127.0.0.1:{port} for the Aspire dashboard (ASPNETCORE_URLS={url}) is already in use", problem, StringComparison.Ordinal);
        Assert.Contains($"(pid {Environment.ProcessId})", problem, StringComparison.Ordinal);
        Assert.Matches(@"'ASPNETCORE_URLS=http://127\.0\.0\.1:\d+ \./eng/run-lab\.sh'", problem);
    }

    [Fact]
    public void Problem_PortsFreeOrPickedByTheSystem_IsNull()
    {
        // Given a port that was free a moment ago, and a port 0
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        // When / Then
        Assert.Null(AppHostPorts.Problem(variable => variable switch
        {
            "ASPNETCORE_URLS" => $"http://127.0.0.1:{port}",
            "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL" => "http://127.0.0.1:0",
            _ => null,
        }));
    }
}
