namespace VcLab.Installer.Kubernetes;

/// <summary>The kubeconfig is missing or unreadable; the message names the file.</summary>
internal sealed class KubeconfigException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
