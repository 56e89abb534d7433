using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Tests.Installer.Tenants;

public sealed class SyncerNamesTests
{
    [Theory]
    [InlineData("default-2eb6c5-tenant-1", "kube-system", "default-2eb6c5-tenant-1-kube-system")]
    [InlineData("default-2eb6c5-a-tenant-with-a-rather-long-name-indeed", "kube-system", "default-2eb6c5-a-tenant-with-a-rather-long-name-indeed-ku-8b4d3")]
    public void SuperClusterNamespace_IsTheSyncers_ShortenedWithItsHashPast63Characters(string cluster, string ns, string expected)
    {
        var name = SyncerNames.SuperClusterNamespace(cluster, ns);

        Assert.Equal(expected, name);
        Assert.True(name.Length <= 63);
    }
}
