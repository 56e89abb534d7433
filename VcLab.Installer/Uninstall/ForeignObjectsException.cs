namespace VcLab.Installer.Uninstall;

/// <summary>The uninstall found VirtualClusters or ClusterVersions it did not create and stopped before they could be lost.</summary>
internal sealed class ForeignObjectsException(string message) : InvalidOperationException(message);
