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

    /// <summary>The required permissions that are denied, as "verb resource" strings (asked all at once, listed in <see cref="Required"/>'s order).</summary>
    public static async Task<IReadOnlyList<string>> DeniedAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var allowed = await Task.WhenAll(Required.Select(required => AllowedAsync(client, ns, required, cancellationToken)));
        return [.. Required.Where((_, index) => !allowed[index]).Select(denied => $"{denied.Verb} {(denied.Group.Length > 0 ? $"{denied.Resource}.{denied.Group}" : denied.Resource)}")];
    }

    private static async Task<bool> AllowedAsync(IKubernetes client, string ns, (string Verb, string Group, string Resource) required, CancellationToken cancellationToken)
    {
        var (verb, group, resource) = required;
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
        return review.Status?.Allowed == true;
    }
}
