using k8s.Models;

namespace VcLab.Installer.Manifests;

/// <summary>Service accounts, cluster roles and their bindings, built the same way for each component.</summary>
internal static class Rbac
{
    public static V1PolicyRule Rule(string[] groups, string[] resources, params string[] verbs) =>
        new() { ApiGroups = groups, Resources = resources, Verbs = verbs };

    public static readonly string[] All = ["get", "list", "watch", "create", "update", "patch", "delete"];

    public static IEnumerable<object> For(string name, string ns, IList<V1PolicyRule> rules)
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        };
        yield return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = $"{name}-role" },
            Rules = rules,
        };
        yield return new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = new V1ObjectMeta { Name = $"{name}-rolebinding" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = $"{name}-role" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
        };
    }

    public static V1ObjectMeta Meta(string name, string ns) =>
        new() { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = name } };
}
