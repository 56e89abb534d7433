using VcLab.Testing;

namespace VcLab.Tests.Testing;

/// <summary>The library fixture exactly as the README shows it to other suites: the default lab, VirtualCluster installed.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<VcLabFixture>
{
    public const string Name = "lab";
}
