using System.Security.Cryptography;
using System.Text;

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>Where VirtualCluster's syncer puts a tenant's objects on the super cluster, as its <c>conversion</c> package names them.</summary>
public static class SyncerNames
{
    /// <summary>On the syncer's copy of a ServiceAccount token: the name of the token Secret in the tenant.</summary>
    public const string TokenSecretNameAnnotation = "tenancy.x-k8s.io/secret.name";

    /// <summary>
    /// The super cluster namespace of a tenant namespace: <c>{cluster}-{ns}</c>, where <paramref name="cluster"/> is the
    /// VirtualCluster's control-plane namespace; past 63 characters, its first 57, a dash and five hex digits of its SHA-256
    /// (upstream's <c>ToSuperClusterNamespace</c>).
    /// </summary>
    public static string SuperClusterNamespace(string cluster, string ns)
    {
        var joined = $"{cluster}-{ns}";
        return joined.Length <= 63 ? joined : $"{joined[..57]}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..5]}";
    }
}
