using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;

namespace VcLab.Installer;

/// <summary>Registers the installer: its settings (bound and validated), the Kubernetes connection, the stages and the runner.</summary>
public static class InstallerServiceCollectionExtensions
{
    private static readonly (string Section, Type Type)[] Sections =
    [
        (VirtualClusterOptions.Section, typeof(VirtualClusterOptions)),
        (BuildOptions.Section, typeof(BuildOptions)),
        (ImageOptions.Section, typeof(ImageOptions)),
        (SshOptions.Section, typeof(SshOptions)),
        (ResourceOptions.Section, typeof(ResourceOptions)),
        (ApiWaitOptions.Section, typeof(ApiWaitOptions)),
        (TenantOptions.Section, typeof(TenantOptions)),
    ];

    public static IServiceCollection AddVirtualClusterInstaller(this IServiceCollection services, IConfiguration configuration)
    {
        var unknown = UnknownKeys(configuration).Select(key => $"Unknown setting '{key}'.").ToList();
        var settings = new InstallerSettings(
            Bind<VirtualClusterOptions>(configuration, VirtualClusterOptions.Section),
            Bind<BuildOptions>(configuration, BuildOptions.Section),
            Bind<ImageOptions>(configuration, ImageOptions.Section),
            Bind<SshOptions>(configuration, SshOptions.Section),
            Bind<ResourceOptions>(configuration, ResourceOptions.Section),
            Bind<ApiWaitOptions>(configuration, ApiWaitOptions.Section),
            Bind<TenantOptions>(configuration, TenantOptions.Section));
        var problems = unknown.Concat(InstallerSettingsValidator.Validate(settings)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInstallerConfigurationException(problems);
        }

        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IClusterConnection, KubeconfigConnection>();
        services.AddSingleton<ServerSideApplier>();
        services.AddSingleton<Hosts.HostShellFactory>();

        // The role's task files, in its order.
        services.AddSingleton<IInstallStage, ValidateStage>();
        services.AddSingleton<IInstallStage, NamespaceStage>();
        services.AddSingleton<IInstallStage, CrdStage>();
        services.AddSingleton<IInstallStage, DownloadSourceStage>();
        services.AddSingleton<IInstallStage, PatchSourceStage>();
        services.AddSingleton<IInstallStage, BuildBinariesStage>();
        services.AddSingleton<IInstallStage, BuildDockerImagesStage>();
        services.AddSingleton<IInstallStage, FetchImagesStage>();
        services.AddSingleton<IInstallStage, UploadToCtrlplaneStage>();
        services.AddSingleton<IInstallStage, DistributeToWorkersStage>();
        services.AddSingleton<IInstallStage, DeployManagerStage>();
        services.AddSingleton<IInstallStage, VerifyStage>();
        services.AddSingleton<IInstallStage, ClusterVersionStage>();
        services.AddSingleton<IInstallStage, VirtualClusterStage>();
        services.AddSingleton(provider => new Tenants.VirtualClusters(new Lazy<k8s.IKubernetes>(() => provider.GetRequiredService<IClusterConnection>().Client), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StageRunner>();
        services.AddSingleton<VirtualClusterInstaller>();
        return services;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidInstallerConfigurationException([$"{section}: {exception.Message}"]);
        }

        return options;
    }

    /// <summary>Keys under VirtualCluster that no options property takes (a typo would otherwise be ignored).</summary>
    private static List<string> UnknownKeys(IConfiguration configuration) =>
        [.. configuration.GetSection(VirtualClusterOptions.Section).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => pair.Key)
            .Where(key => !Sections.Any(section => Takes(section.Section, section.Type, key)))];

    private static bool Takes(string section, Type type, string key)
    {
        if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = key[(section.Length + 1)..].Split(':');
        var property = type.GetProperty(rest[0], System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        return property is { CanWrite: true }
            && (rest.Length == 1 || (rest.Length == 2 && property.PropertyType == typeof(List<string>)));
    }
}
