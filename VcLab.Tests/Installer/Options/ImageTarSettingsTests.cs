using System.Formats.Tar;
using System.Text;
using VcLab.Installer.Options;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Options;

/// <summary>Explicit image tars (virtualcluster_*_image_tar): checked, all of them, before anything runs.</summary>
public sealed class ImageTarSettingsTests
{
    private readonly string _folder = TestFolders.Create("vclab-tars-");

    [Fact]
    public void Validate_TarsForEveryComponent_OfTheirImages_AreValid()
    {
        var settings = WithTars(Archive("manager", "virtualcluster/manager-amd64:latest"), Archive("syncer", "virtualcluster/syncer-amd64:latest"), Archive("vn-agent", "docker.io/virtualcluster/vn-agent-amd64:latest"));

        Assert.Empty(InstallerSettingsValidator.Validate(settings));
        Assert.True(settings.HasExplicitTars);
    }

    [Fact]
    [BadInput]
    public void Validate_MissingFile_NotAnArchive_WrongImage_AndAComponentWithout_AllNamedAtOnce()
    {
        // Given a tar path that does not exist, a file that is not a docker-save tar, one of another image, and no syncer tar
        var notATar = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(notATar, "hello");
        var settings = WithTars(Path.Combine(_folder, "missing.tar"), null, Archive("vn-agent", "example/other:1.0"));
        settings.Images.SyncerTar = null;
        settings.Build.Components = ["manager", "syncer", "vn-agent"];
        var second = WithTars(notATar, Archive("syncer", "virtualcluster/syncer-amd64:latest"), Archive("vn-agent2", "virtualcluster/vn-agent-amd64:latest"));

        // When
        var errors = InstallerSettingsValidator.Validate(settings);
        var notArchive = InstallerSettingsValidator.Validate(second);

        // Then every problem is named with its variable
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_manager_image_tar is", StringComparison.Ordinal) && error.Contains("no such file", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_syncer_image_tar is not set while other *_image_tar settings are", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("virtualcluster_vn_agent_image_tar is", StringComparison.Ordinal) && error.Contains("it holds example/other:1.0, not virtualcluster/vn-agent-amd64:latest", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
        var single = Assert.Single(notArchive);
        Assert.Contains("is not a docker-save archive", single, StringComparison.Ordinal);
    }

    private static InstallerSettings WithTars(string? manager, string? syncer, string? vnAgent)
    {
        var settings = InstallerSettings.Defaults();
        settings.Images.ManagerTar = manager;
        settings.Images.SyncerTar = syncer;
        settings.Images.VnAgentTar = vnAgent;
        return settings;
    }

    /// <summary>A minimal archive in docker save's layout: manifest.json naming the config blob and the tags.</summary>
    private string Archive(string name, string tag)
    {
        var path = Path.Combine(_folder, $"{name}.tar");
        using var file = File.Create(path);
        using var writer = new TarWriter(file);
        var digest = new string('a', 64);
        var manifest = $$"""[{"Config":"blobs/sha256/{{digest}}","RepoTags":["{{tag}}"],"Layers":[]}]""";
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(manifest)) });
        return path;
    }
}
