using VcLab.Hosting.SuperCluster;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>The node-image cache's clean-up: what it removes, and what it leaves.</summary>
public sealed class NodeImageCacheTests
{
    [Fact]
    public void RemoveUnused_RemovesOnlyTarsUnusedForAWeek()
    {
        // Given a cache with an image tar last used eight days ago, one used six days ago, and a file and a folder of
        // someone else's, both older
        var cache = TestFolders.Create("vclab-node-images-");
        var now = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
        string Old(string name, int days)
        {
            var path = Path.Combine(cache, name);
            File.WriteAllText(path, name);
            File.SetLastWriteTimeUtc(path, now.AddDays(-days));
            return path;
        }

        var stale = Old("0123456789abcdef0123.tar", 8);
        var recent = Old("fedcba9876543210fedc.tar", 6);
        var notes = Old("notes.txt", 30);
        var folder = Directory.CreateDirectory(Path.Combine(cache, "kept.tar")).FullName;
        Directory.SetLastWriteTimeUtc(folder, now.AddDays(-30));

        // When the cache is cleaned
        NodeImage.RemoveUnused(cache, now);

        // Then only the tar unused for over a week is gone
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(notes));
        Assert.True(Directory.Exists(folder));
    }
}
