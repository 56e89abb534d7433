using System.Text.Json;
using k8s;
using k8s.Models;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>
/// The super cluster's API server with custom resources: v1.20.2 built with Go 1.19 segfaulted on the first one
/// (vendored reflect2) and took "" for null (the OpenAPI validators); the lab builds it with both fixed.
/// </summary>
[Collection(SuperClusterCollection.Name)]
public sealed class CustomResourceFunctionalTests(SuperClusterFixture lab)
{
    private const string Group = "probes.vclab.test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CustomResource_WithAnEmptyStringAndAMap_IsCreatedReadAndUpdated_AndTheApiServerKeepsRunning()
    {
        // Given a CRD whose objects have a string and a map, and the API server's process
        var apiServer = await ApiServerPidAsync();
        await lab.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Definition(), cancellationToken: Token);
        await WaitForEstablishedAsync();

        // When an object with an empty string and a map is created, read and updated
        var created = await lab.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Dictionary<string, object>
            {
                ["apiVersion"] = $"{Group}/v1",
                ["kind"] = "Probe",
                ["metadata"] = new Dictionary<string, object> { ["name"] = "probe", ["labels"] = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } },
                ["spec"] = new Dictionary<string, object> { ["phase"] = string.Empty, ["settings"] = new Dictionary<string, string> { ["x"] = "1", ["y"] = string.Empty } },
            },
            Group, "v1", "default", "probes", cancellationToken: Token);
        var read = (JsonElement)await lab.Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "probes", "probe", cancellationToken: Token);
        var patch = new V1Patch("""{"spec":{"phase":"","settings":{"z":"3"}}}""", V1Patch.PatchType.MergePatch);
        var updated = (JsonElement)await lab.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Group, "v1", "default", "probes", "probe", cancellationToken: Token);

        // Then each answer holds the fields as written, and the API server is the same process as before
        Assert.NotNull(created);
        Assert.Equal(string.Empty, read.GetProperty("spec").GetProperty("phase").GetString());
        Assert.Equal("1", read.GetProperty("spec").GetProperty("settings").GetProperty("x").GetString());
        Assert.Equal("3", updated.GetProperty("spec").GetProperty("settings").GetProperty("z").GetString());
        Assert.Equal(apiServer, await ApiServerPidAsync());
        await lab.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"probes.{Group}", cancellationToken: Token);
    }

    private static V1CustomResourceDefinition Definition() => new()
    {
        Metadata = new V1ObjectMeta { Name = $"probes.{Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = "Probe", ListKind = "ProbeList", Plural = "probes", Singular = "probe" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["phase"] = new() { Type = "string" },
                                        ["settings"] = new() { Type = "object", AdditionalProperties = new V1JSONSchemaProps { Type = "string" } },
                                    },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };

    private Task<string> WaitForEstablishedAsync() =>
        Wait.UntilAsync($"CRD probes.{Group} is Established", async token =>
        {
            var crd = await lab.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"probes.{Group}", cancellationToken: token);
            return crd.Status?.Conditions?.Any(condition => condition.Type == "Established" && condition.Status == "True") == true
                ? Wait.Probe.Ready("Established")
                : Wait.Probe.Waiting("not Established");
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);

    private async Task<string> ApiServerPidAsync()
    {
        var result = await lab.Docker.Containers.ExecAsync(lab.Cluster.ControlPlane.ContainerId, ["pgrep", "-x", "kube-apiserver"], Token);
        Assert.True(result.Succeeded, "kube-apiserver is not running on the control plane");
        return result.StandardOutput.Trim();
    }
}
