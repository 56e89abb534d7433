using VcLab.Installer;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer;

/// <summary>What a recursive delete of VcLab's may remove: only a folder it marked, never a parent, never a folder someone else made.</summary>
public sealed class OwnedFolderTests
{
    [Fact]
    public void Delete_FolderVcLabMade_IsRemoved()
    {
        // Given a folder VcLab made (marked), with files in it
        var parent = TestFolders.Create("vclab-owned-");
        var folder = OwnedFolder.Create(Path.Combine(parent, "lab"), "a test lab's state");
        File.WriteAllText(Path.Combine(folder, "kubeconfig"), "secret");

        // When it is deleted
        var outcome = OwnedFolder.Delete(folder, parent);

        // Then it is gone
        Assert.Equal(DeleteOutcome.Deleted, outcome);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    [BadInput]
    public void Delete_FolderWithoutTheMarker_IsLeftWithEverythingInIt()
    {
        // Given a folder of that name that VcLab did not make
        var parent = TestFolders.Create("vclab-owned-");
        var folder = Directory.CreateDirectory(Path.Combine(parent, "lab")).FullName;
        File.WriteAllText(Path.Combine(folder, "thesis.tex"), "years of work");

        // When VcLab deletes "its" folder
        var outcome = OwnedFolder.Delete(folder, parent);

        // Then nothing is removed
        Assert.Equal(DeleteOutcome.NotOwned, outcome);
        Assert.True(File.Exists(Path.Combine(folder, "thesis.tex")));
    }

    [Theory]
    [BadInput]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/..")]
    [InlineData("a/b")]
    [InlineData("../elsewhere")]
    public void Delete_NameThatIsNotAFolderDirectlyInItsParent_IsRefusedBeforeAnythingIsTouched(string name)
    {
        // Given a parent holding other labs' folders, itself marked (as ~/.vclab/clusters would be by its labs)
        var root = TestFolders.Create("vclab-owned-");
        var parent = OwnedFolder.Create(Path.Combine(root, "clusters"), "test");
        OwnedFolder.Create(Path.Combine(parent, "a"), "test");
        OwnedFolder.Create(Path.Combine(root, "elsewhere"), "test");

        // When a delete is asked for with that name
        var refused = Assert.Throws<ArgumentException>(() => OwnedFolder.Delete(Path.Combine(parent, name), parent));

        // Then it is refused, naming the parent, and every folder is still there
        Assert.Contains("it is not a folder directly in", refused.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(parent, "a")));
        Assert.True(Directory.Exists(Path.Combine(root, "elsewhere")));
    }

    [Theory]
    [BadInput]
    [InlineData("/")]
    [InlineData("/tmp")]
    [InlineData("~")]
    public void Delete_RootTopLevelOrHome_IsRefusedEvenWhenMarked(string path)
    {
        var full = path == "~" ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : path;

        var refused = Assert.Throws<ArgumentException>(() => OwnedFolder.Delete(full));

        Assert.Contains("the root, a top-level folder or a home folder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FolderThatExists_KeepsItsFilesAndMarksIt()
    {
        var folder = TestFolders.Create("vclab-owned-");
        File.WriteAllText(Path.Combine(folder, "kept"), "x");

        OwnedFolder.Create(folder, "test");

        Assert.True(OwnedFolder.IsOwned(folder));
        Assert.True(File.Exists(Path.Combine(folder, "kept")));
    }
}
