using k8s;
using k8s.Exceptions;
using VcLab.Installer.Options;

namespace VcLab.Installer.Kubernetes;

/// <summary>Opens the kubeconfig once, on first use; a missing or unreadable file is an error that names it.</summary>
internal sealed class KubeconfigConnection(InstallerSettings settings) : IClusterConnection, IDisposable
{
    private readonly Lazy<(KubernetesClientConfiguration Configuration, k8s.Kubernetes Client)> _connection = new(() => Open(settings));

    public string KubeconfigPath { get; } = InstallerSettings.ExpandHome(settings.VirtualCluster.SuperclusterKubeconfigPath);

    public Uri Server => new(_connection.Value.Configuration.Host);

    public IKubernetes Client => _connection.Value.Client;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Client.Dispose();
        }
    }

    private static (KubernetesClientConfiguration, k8s.Kubernetes) Open(InstallerSettings settings)
    {
        var path = InstallerSettings.ExpandHome(settings.VirtualCluster.SuperclusterKubeconfigPath);
        if (!File.Exists(path))
        {
            throw new KubeconfigException(
                $"virtualcluster_supercluster_kubeconfig_path: the kubeconfig '{path}' does not exist. " +
                "Point the setting at the super cluster's admin kubeconfig (on a kubeadm control plane: /etc/kubernetes/admin.conf).");
        }

        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            return (configuration, new k8s.Kubernetes(configuration));
        }
        catch (Exception exception) when (exception is KubeConfigException or UnauthorizedAccessException or IOException or YamlDotNet.Core.YamlException)
        {
            throw new KubeconfigException(
                $"virtualcluster_supercluster_kubeconfig_path: the kubeconfig '{path}' cannot be read ({exception.Message}).", exception);
        }
    }
}
