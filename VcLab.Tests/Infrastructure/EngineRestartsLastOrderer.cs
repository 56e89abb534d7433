using Xunit.Sdk;
using Xunit.v3;

namespace VcLab.Tests.Infrastructure;

/// <summary>xunit's own order of collections, but <see cref="EngineRestartCollection"/> last: it stops the engine every other lab runs on.</summary>
public sealed class EngineRestartsLastOrderer : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(collection => collection.TestCollectionDisplayName == EngineRestartCollection.Name ? 1 : 0)];
}
