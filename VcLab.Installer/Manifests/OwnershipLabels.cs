using k8s.Models;
using VcLab.Installer.Kubernetes;

namespace VcLab.Installer.Manifests;

/// <summary>
/// Puts an install's mark (<see cref="Ownership"/>) on objects before they are written or applied: on each object, and on
/// the pods of its Deployments and DaemonSets (which the uninstall then finds by it too). Idempotent.
/// </summary>
internal static class OwnershipLabels
{
    public static IReadOnlyList<object> Stamp(IEnumerable<object> objects, Ownership ownership)
    {
        var stamped = objects.ToList();
        foreach (var item in stamped)
        {
            Add(((IMetadata<V1ObjectMeta>)item).Metadata, ownership);
            switch (item)
            {
                case V1Deployment deployment:
                    Add(deployment.Spec.Template.Metadata, ownership);
                    break;
                case V1DaemonSet daemonSet:
                    Add(daemonSet.Spec.Template.Metadata, ownership);
                    break;
            }
        }

        return stamped;
    }

    private static void Add(V1ObjectMeta metadata, Ownership ownership)
    {
        metadata.Labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in ownership.Labels)
        {
            metadata.Labels[key] = value;
        }
    }
}
