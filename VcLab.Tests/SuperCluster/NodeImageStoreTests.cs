using VcLab.Hosting.SuperCluster;

namespace VcLab.Tests.SuperCluster;

public sealed class NodeImageStoreTests
{
    private static readonly NodeImage[] Images = [new("vclab/pause:a", "p1.tar", "k8s.gcr.io/pause:3.2"), new("vclab/coredns:b", "c1.tar")];

    [Fact]
    public void Key_IsMadeAgainWhenTheNodeImageAnImageOrAnAliasChanges_AndOnlyThen()
    {
        var key = NodeImageStore.KeyOf("sha256:node", Images);

        Assert.Equal(key, NodeImageStore.KeyOf("sha256:node", [.. Images]));
        Assert.NotEqual(key, NodeImageStore.KeyOf("sha256:other-node", Images));
        Assert.NotEqual(key, NodeImageStore.KeyOf("sha256:node", [Images[0], Images[1] with { FileName = "c2.tar" }]));
        Assert.NotEqual(key, NodeImageStore.KeyOf("sha256:node", [Images[0] with { Alias = null }, Images[1]]));
        Assert.NotEqual(key, NodeImageStore.KeyOf("sha256:node", [Images[0]]));
        Assert.Matches("^[0-9a-f]{20}$", key);
    }
}
