namespace VcLab.Tests.Infrastructure;

/// <summary>Tests on a real super cluster share one <see cref="SuperClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SuperClusterCollection : ICollectionFixture<SuperClusterFixture>
{
    public const string Name = "super-cluster";
}
