using System.Net;
using k8s.Autorest;

namespace VcLab.Installer.Kubernetes;

/// <summary>A read or a delete whose object (or kind) is not there: null, where absent is a fine answer.</summary>
public static class Absent
{
    /// <summary>The result, or null when the API answers 404.</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
