namespace VcLab.Tests.Infrastructure;

/// <summary>Tests on the real Docker engine share one <see cref="DockerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
