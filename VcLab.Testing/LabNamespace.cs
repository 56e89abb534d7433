using k8s;

namespace VcLab.Testing;

/// <summary>A namespace of one test's own; disposing it deletes the namespace (and everything in it).</summary>
public sealed class LabNamespace(IKubernetes client, string name) : IAsyncDisposable
{
    /// <summary>The label every test namespace carries, with the name of the test that made it.</summary>
    public const string TestLabel = "vclab.test";

    public string Name { get; } = name;

    public override string ToString() => Name;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await client.CoreV1.DeleteNamespaceAsync(Name, propagationPolicy: "Background");
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }
}
