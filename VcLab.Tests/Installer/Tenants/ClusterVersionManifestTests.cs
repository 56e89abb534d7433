using k8s.Models;
using VcLab.Hosting.Tenants;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
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
        Assert.Contains(apiServer.Env, env => env.Name == "GOGC" && env.Value == "50");
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
        foreach (var probe in (V1Probe[])[etcd.ReadinessProbe, etcd.LivenessProbe])
        {
            Assert.Null(probe.Exec);
            Assert.Equal("/health", probe.HttpGet.Path);
            Assert.Equal(ClusterVersionManifest.EtcdHealthPort.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.HttpGet.Port.Value);
        }
    }

    [Fact]
    public void Create_TheControllerManager_MayAskItsApiServerFiveTimesV120sDefaultRate()
    {
        var controllerManager = Container(ClusterVersionManifest.Create("cv", Images, Ownership.Default), "controllerManager");

        Assert.Single(Args(controllerManager), "--kube-api-qps=100");
        Assert.Single(Args(controllerManager), "--kube-api-burst=200");
        Assert.Single(Args(controllerManager), "--use-service-account-credentials=true");
    }

    [Fact]
    public void Create_EtcdsDataDir_IsOnAnEmptyDir_WhichOutlivesTheContainer()
    {
        var manifest = ClusterVersionManifest.Create("cv", Images, Ownership.Default);
        var etcd = Container(manifest, "etcd");
        var dataDir = Args(etcd).Single(arg => arg.StartsWith("--data-dir=", StringComparison.Ordinal))["--data-dir=".Length..];

        var mount = etcd.VolumeMounts.Single(item => dataDir.StartsWith(item.MountPath + "/", StringComparison.Ordinal));
        var volume = manifest.Spec.Etcd!.StatefulSet!.Spec.Template.Spec.Volumes.Single(item => item.Name == mount.Name);
        Assert.NotNull(volume.EmptyDir);
        Assert.Null(mount.ReadOnlyProperty);
    }

    private static V1Container Container(V1Alpha1ClusterVersion manifest, string component)
    {
        var spec = component switch
        {
            "etcd" => manifest.Spec.Etcd,
            "apiServer" => manifest.Spec.ApiServer,
            _ => manifest.Spec.ControllerManager,
        };
        return spec!.StatefulSet!.Spec.Template.Spec.Containers[0];
    }

    private static IEnumerable<string> Args(V1Container container) => container.Args;
}
