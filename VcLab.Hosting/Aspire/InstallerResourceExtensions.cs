using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace VcLab.Hosting.Aspire;

/// <summary>Points a resource that runs the installer at the lab's super cluster and build container.</summary>
public static class InstallerResourceExtensions
{
    /// <summary>Waits for the super cluster, then hands the installer its kubeconfig and the control plane's SSH settings.</summary>
    public static IResourceBuilder<T> WithSuperCluster<T>(this IResourceBuilder<T> installer, IResourceBuilder<SuperClusterResource> superCluster)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        installer.WaitFor(superCluster).WithEnvironment(context =>
        {
            var cluster = superCluster.Resource.Cluster ?? throw new InvalidOperationException($"{superCluster.Resource.Name} is not running.");
            context.EnvironmentVariables["VirtualCluster__SuperclusterKubeconfigPath"] = cluster.KubeconfigPath;
            context.EnvironmentVariables["VirtualCluster__Ssh__ControlPlaneHost"] = cluster.ControlPlane.Address;
            context.EnvironmentVariables["VirtualCluster__Ssh__PrivateKeyPath"] = cluster.SshPrivateKeyPath;
            context.EnvironmentVariables["VirtualCluster__Ssh__User"] = cluster.SshUser;
            context.EnvironmentVariables["VirtualCluster__Images__LocalCacheDir"] = Path.Combine(Path.GetDirectoryName(cluster.KubeconfigPath)!, "vc-images-cache");
        });

    /// <summary>Waits for the build container, then builds there from the source it serves.</summary>
    public static IResourceBuilder<T> WithBuildContainer<T>(this IResourceBuilder<T> installer, IResourceBuilder<BuildContainerResource> buildContainer)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        installer.WaitFor(buildContainer).WithEnvironment(context =>
        {
            var container = buildContainer.Resource.Container ?? throw new InvalidOperationException($"{buildContainer.Resource.Name} is not running.");
            context.EnvironmentVariables["VirtualCluster__Build__FromSource"] = "true";
            context.EnvironmentVariables["VirtualCluster__Build__Host"] = container.BuildHost;
            context.EnvironmentVariables["VirtualCluster__Build__SourceRepo"] = container.SourceRepository;
        });
}
