using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// A git repository served over git's "dumb" HTTP protocol (its files as they are, after <c>git update-server-info</c>),
/// behind HTTP Basic authentication: a real server for a repository address that needs credentials, on every address
/// of this machine, so containers reach it through their network's gateway.
/// </summary>
internal sealed class GitHttpServer(WebApplication app, string expectedAuthorization) : IAsyncDisposable
{
    /// <summary>How many requests came with the right credentials.</summary>
    public int Authorized => _authorized;

    private int _authorized;

    public int Port => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    public static async Task<GitHttpServer> StartAsync(string bareRepository, string user, string password, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://0.0.0.0:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new GitHttpServer(app, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        app.Run(server.ServeAsync(bareRepository));
        await app.StartAsync(cancellationToken);
        return server;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private RequestDelegate ServeAsync(string root) => async context =>
    {
        if (context.Request.Headers.Authorization.ToString() != expectedAuthorization)
        {
            context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"vclab-test\"";
            return;
        }

        Interlocked.Increment(ref _authorized);
        var relative = context.Request.Path.Value!.TrimStart('/');
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(path))
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.SendFileAsync(path, context.RequestAborted);
    };
}
