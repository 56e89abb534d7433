namespace VcLab.Hosting.Docker;

/// <summary>A file to place in a container: absolute path, content, Unix mode and numeric owner.</summary>
public sealed record ContainerFile(string Path, byte[] Content, UnixFileMode Mode, int UserId = 0, int GroupId = 0);
