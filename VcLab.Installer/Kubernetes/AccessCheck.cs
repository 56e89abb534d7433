using k8s;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>Asks the API (SelfSubjectAccessReview) whether the installer's credentials may do what it needs.</summary>
internal static class AccessCheck
{
    /// <summary>What the role does: (verb, group, resource).</summary>
    public static IReadOnlyList<(string Verb, string Group, string Resource)> Required { get; } =
    [
        ("create", "", "namespaces"),
        ("patch", "apiextensions.k8s.io", "customresourcedefinitions"),
        ("create", "apiextensions.k8s.io", "customresourcedefinitions"),
        ("create", "rbac.authorization.k8s.io", "clusterroles"),
        ("create", "rbac.authorization.k8s.io", "clusterrolebindings"),
        ("create", "", "serviceaccounts"),
        ("create", "", "secrets"),
        ("create", "apps", "deployments"),
        ("create", "apps", "daemonsets"),
        ("list", "", "nodes"),
        ("list", "", "pods"),
        ("get", "", "pods/log"),
        ("list", "", "events"),
    ];

    /// <summary>The required permissions that are denied, as "verb resource" strings.</summary>
    public static async Task<IReadOnlyList<string>> DeniedAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var denied = new List<string>();
        foreach (var (verb, group, resource) in Required)
        {
            var parts = resource.Split('/');
            var review = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(
                new V1SelfSubjectAccessReview
                {
                    Spec = new V1SelfSubjectAccessReviewSpec
                    {
                        ResourceAttributes = new V1ResourceAttributes
                        {
                            Verb = verb,
                            Group = group,
                            Resource = parts[0],
                            Subresource = parts.Length > 1 ? parts[1] : null,
                            NamespaceProperty = resource is "namespaces" or "nodes" || group.Length > 0 && resource.StartsWith("cluster", StringComparison.Ordinal) ? null : ns,
                        },
                    },
                },
                cancellationToken: cancellationToken);
            if (review.Status?.Allowed != true)
            {
                denied.Add($"{verb} {(group.Length > 0 ? $"{resource}.{group}" : resource)}");
            }
        }

        return denied;
    }
}
