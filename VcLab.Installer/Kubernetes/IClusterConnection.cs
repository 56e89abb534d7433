using k8s;

namespace VcLab.Installer.Kubernetes;

/// <summary>The super cluster's API, reached through the configured kubeconfig.</summary>
internal interface IClusterConnection
{
    /// <summary>The kubeconfig file in use.</summary>
    string KubeconfigPath { get; }

    /// <summary>The API server address the kubeconfig names.</summary>
    Uri Server { get; }

    IKubernetes Client { get; }
}
