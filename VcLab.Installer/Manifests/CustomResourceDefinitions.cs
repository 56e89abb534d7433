using k8s.Models;

namespace VcLab.Installer.Manifests;

/// <summary>
/// The two CRDs of tenancy.x-k8s.io/v1alpha1, with schemas that follow the upstream API types
/// (pkg/apis/tenancy/v1alpha1): ClusterVersion (cluster-scoped; apiServer, controllerManager and etcd, each a
/// StatefulSet and a Service embedded as whole objects) and VirtualCluster (namespaced; its phase may be Pending,
/// Running, Updating or Failed). Neither has a status subresource: vc-manager writes status with a plain update, as
/// upstream's CRDs have it (with the subresource the API server would drop it and the phase would stay empty).
/// </summary>
internal static class CustomResourceDefinitions
{
    public const string ClusterVersions = "clusterversions.tenancy.x-k8s.io";
    public const string VirtualClusters = "virtualclusters.tenancy.x-k8s.io";

    /// <summary>Whether the API server serves the CRD's kind: its Established condition is True.</summary>
    public static bool IsEstablished(V1CustomResourceDefinition crd) =>
        crd.Status?.Conditions?.Any(condition => condition.Type == "Established" && condition.Status == "True") == true;

    public static V1CustomResourceDefinition ClusterVersion() => Definition(
        "ClusterVersion", "clusterversions", "cv", "Cluster",
        Root(
            spec: new()
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["apiServer"] = Bundle(),
                    ["controllerManager"] = Bundle(),
                    ["etcd"] = Bundle(),
                },
            },
            status: new() { Type = "object" }),
        printerColumns: [new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" }]);

    public static V1CustomResourceDefinition VirtualCluster() => Definition(
        "VirtualCluster", "virtualclusters", "vc", "Namespaced",
        Root(
            spec: new()
            {
                Type = "object",
                Required = ["clusterVersionName"],
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["clusterDomain"] = String(),
                    ["clusterVersionName"] = String(),
                    ["pkiExpireDays"] = new() { Type = "integer", Format = "int64" },
                    ["transparentMetaPrefixes"] = new() { Type = "array", Items = String() },
                    ["opaqueMetaPrefixes"] = new() { Type = "array", Items = String() },
                    ["serviceCidr"] = String(),
                },
            },
            status: new()
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    // Upstream's error phase is "Error"; the role patches it to "Failed" and the schema allows that.
                    ["phase"] = new() { Type = "string", EnumProperty = ["", "Pending", "Running", "Updating", "Failed"] },
                    ["clusterNamespace"] = String(),
                    ["message"] = String(),
                    ["reason"] = String(),
                    ["conditions"] = new()
                    {
                        Type = "array",
                        Items = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Required = ["status"],
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["status"] = String(),
                                ["lastTransitionTime"] = new() { Type = "string", Format = "date-time" },
                                ["reason"] = String(),
                                ["message"] = String(),
                            },
                        },
                    },
                },
            }),
        printerColumns:
        [
            new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" },
            new V1CustomResourceColumnDefinition { Name = "Phase", Type = "string", JsonPath = ".status.phase" },
            new V1CustomResourceColumnDefinition { Name = "ClusterVersion", Type = "string", JsonPath = ".spec.clusterVersionName" },
            new V1CustomResourceColumnDefinition { Name = "ClusterNamespace", Type = "string", JsonPath = ".status.clusterNamespace", Priority = 1 },
        ]);

    private static V1CustomResourceDefinition Definition(
        string kind, string plural, string shortName, string scope, V1JSONSchemaProps schema,
        IList<V1CustomResourceColumnDefinition> printerColumns) => new()
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{plural}.{ManifestNames.TenancyGroup}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = ManifestNames.TenancyGroup,
                Scope = scope,
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = kind,
                    ListKind = kind + "List",
                    Plural = plural,
                    Singular = kind.ToLowerInvariant(),
                    ShortNames = [shortName],
                },
                Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1alpha1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                    AdditionalPrinterColumns = printerColumns,
                },
            ],
            },
        };

    /// <summary>An object's schema: apiVersion, kind, metadata, and the given spec and status.</summary>
    private static V1JSONSchemaProps Root(V1JSONSchemaProps spec, V1JSONSchemaProps status) => new()
    {
        Type = "object",
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["apiVersion"] = String(),
            ["kind"] = String(),
            ["metadata"] = new() { Type = "object" },
            ["spec"] = spec,
            ["status"] = status,
        },
    };

    /// <summary>A StatefulSet and its Service, kept whole (x-kubernetes-embedded-resource).</summary>
    private static V1JSONSchemaProps Bundle() => new()
    {
        Type = "object",
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["metadata"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
            ["statefulset"] = Embedded(),
            ["service"] = Embedded(),
        },
    };

    private static V1JSONSchemaProps Embedded() => new()
    {
        Type = "object",
        XKubernetesEmbeddedResource = true,
        XKubernetesPreserveUnknownFields = true,
    };

    private static V1JSONSchemaProps String() => new() { Type = "string" };
}
