using k8s.Models;
using VcLab.Installer.Manifests;
using VcLab.Installer.Stages;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>crd's decision about a CRD already on the cluster; the functional tests meet a real one on the lab.</summary>
public sealed class CrdStageTests
{
    [Fact]
    public void Incompatibilities_TheCrdVcLabWouldWrite_IsTakenOver()
    {
        Assert.Empty(CrdStage.Incompatibilities(CustomResourceDefinitions.VirtualCluster(), CustomResourceDefinitions.VirtualCluster()));
        Assert.Empty(CrdStage.Incompatibilities(CustomResourceDefinitions.ClusterVersion(), CustomResourceDefinitions.ClusterVersion()));
    }

    [Fact]
    public void Incompatibilities_AnotherVersionBeside_v1alpha1_IsTakenOver()
    {
        // Given a newer CRD that still serves v1alpha1
        var existing = CustomResourceDefinitions.VirtualCluster();
        existing.Spec.Versions.Add(new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = false });

        Assert.Empty(CrdStage.Incompatibilities(existing, CustomResourceDefinitions.VirtualCluster()));
    }

    [Fact]
    [BadInput]
    public void Incompatibilities_OtherScopeKindAndVersions_AreEachNamed()
    {
        // Given a CRD of the same name that differs in every way that matters
        var existing = CustomResourceDefinitions.VirtualCluster();
        existing.Spec.Scope = "Cluster";
        existing.Spec.Names.Kind = "TenantCluster";
        existing.Spec.Versions = [new V1CustomResourceDefinitionVersion { Name = "v2", Served = true, Storage = true }];

        var problems = CrdStage.Incompatibilities(existing, CustomResourceDefinitions.VirtualCluster());

        Assert.Equal(
            [
                "CRD virtualclusters.tenancy.x-k8s.io is Cluster-scoped; VirtualCluster needs it Namespaced-scoped.",
                "CRD virtualclusters.tenancy.x-k8s.io has kind TenantCluster; VirtualCluster needs VirtualCluster.",
                "CRD virtualclusters.tenancy.x-k8s.io serves v2 but not v1alpha1.",
            ],
            problems);
    }
}
