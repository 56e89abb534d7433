using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A 404 answer to an HTTP client call is how the installer asks "is it there yet?" (a Kubernetes object read before
/// it is applied): not an error. Its span keeps the status code but not the error mark, so a green run's trace is green.
/// </summary>
internal sealed class ExpectedNotFoundProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Client && data.Status == ActivityStatusCode.Error && Equals(data.GetTagItem("http.response.status_code"), 404))
        {
            data.SetStatus(ActivityStatusCode.Unset);
            data.SetTag("error.type", null);
        }
    }
}
