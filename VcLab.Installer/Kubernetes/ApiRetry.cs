using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// Retries of a call to the API that failed for a passing reason (connection refused while the API server restarts,
/// a 5xx or 429 answer): every 2 s for at most 2 minutes, each retry logged; any other error fails at once. An API
/// server stopped gracefully keeps its watches open for up to a minute before it exits and is started again.
/// </summary>
internal static class ApiRetry
{
    public static ResiliencePipeline Pipeline(ILogger logger, TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<HttpOperationException>(IsTransient),
            MaxRetryAttempts = 60,
            Delay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Constant,
            OnRetry = arguments =>
            {
                InstallerLog.ApiRetry(logger, arguments.AttemptNumber + 1, arguments.Outcome.Exception?.Message ?? "no answer");
                return default;
            },
        })
        .Build();

    private static bool IsTransient(HttpOperationException exception) =>
        exception.Response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
}
