namespace VcLab.Hosting.SuperCluster;

/// <summary>The super cluster could not be created; the message names the node, port or network and what to do.</summary>
public sealed class SuperClusterException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
