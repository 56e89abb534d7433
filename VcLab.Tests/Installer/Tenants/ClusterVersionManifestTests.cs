using System.Text.Json.Nodes;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Tenants;

namespace VcLab.Tests.Installer.Tenants;

public sealed class ClusterVersionManifestTests
{
    private static readonly TenantImages Images = new("etcd:3.4", "kube-apiserver:v1.20", "kube-controller-manager:v1.20");

    [Fact]
    public void Create_WithoutARuntimeConfig_ServesTheVersionsDefaultApiGroups()
    {
        var apiServer = Container(ClusterVersionManifest.Create("cv", Images, Ownership.Default), "apiServer");

        Assert.DoesNotContain(Args(apiServer), arg => arg.StartsWith("--runtime-config", StringComparison.Ordinal));
        Assert.Contains(apiServer["env"]!.AsArray(), env => env!["name"]!.GetValue<string>() == "GOGC" && env["value"]!.GetValue<string>() == "50");
    }

    [Fact]
    public void Create_WithTheLabsRuntimeConfig_PassesItToTheApiServerAsOneFlag()
    {
        var apiServer = Container(ClusterVersionManifest.Create("cv", Images, Ownership.Default, LabTenantApiServer.RuntimeConfig), "apiServer");

        Assert.Single(Args(apiServer), $"--runtime-config={LabTenantApiServer.RuntimeConfig}");
    }

    [Fact]
    public void TheLabsRuntimeConfig_IsOneTheSettingsAccept()
    {
        var settings = InstallerSettings.Defaults();
        settings.Tenant.ApiServerRuntimeConfig = LabTenantApiServer.RuntimeConfig;

        Assert.Empty(InstallerSettingsValidator.Validate(settings));
    }

    [Fact]
    public void Create_EtcdsHealth_IsAskedOverHttpOnItsMetricsListener_NotByAnExecEverySecond()
    {
        var etcd = Container(ClusterVersionManifest.Create("cv", Images, Ownership.Default), "etcd");

        Assert.Contains($"--listen-metrics-urls=http://0.0.0.0:{ClusterVersionManifest.EtcdHealthPort}", Args(etcd));
        foreach (var probe in (string[])["readinessProbe", "livenessProbe"])
        {
            Assert.Null(etcd[probe]!["exec"]);
            Assert.Equal("/health", etcd[probe]!["httpGet"]!["path"]!.GetValue<string>());
            Assert.Equal(ClusterVersionManifest.EtcdHealthPort, etcd[probe]!["httpGet"]!["port"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Create_EtcdsDataDir_IsOnAnEmptyDir_WhichOutlivesTheContainer()
    {
        var manifest = ClusterVersionManifest.Create("cv", Images, Ownership.Default);
        var etcd = Container(manifest, "etcd");
        var dataDir = Args(etcd).Single(arg => arg.StartsWith("--data-dir=", StringComparison.Ordinal))["--data-dir=".Length..];

        var mount = etcd["volumeMounts"]!.AsArray().Single(item => dataDir.StartsWith(item!["mountPath"]!.GetValue<string>() + "/", StringComparison.Ordinal))!;
        var volume = manifest["spec"]!["etcd"]!["statefulset"]!["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
            .Single(item => item!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!;
        Assert.NotNull(volume["emptyDir"]);
        Assert.Null(mount["readOnly"]);
    }

    private static JsonNode Container(JsonObject manifest, string component) =>
        manifest["spec"]![component]!["statefulset"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private static IEnumerable<string> Args(JsonNode container) => container["args"]!.AsArray().Select(arg => arg!.GetValue<string>());
}
