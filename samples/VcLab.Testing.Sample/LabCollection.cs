using VcLab.Testing;

namespace VcLab.Testing.Sample;

/// <summary>One lab for every test of the collection: it comes up before the first and is deleted after the last.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<VcLabFixture>
{
    public const string Name = "lab";
}
