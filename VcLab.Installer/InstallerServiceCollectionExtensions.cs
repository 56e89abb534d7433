using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Uninstall;
using Microsoft.Extensions.Logging;

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
        (ComponentsOptions.Section, typeof(ComponentsOptions)),
    ];

    public static IServiceCollection AddVirtualClusterInstaller(this IServiceCollection services, IConfiguration configuration)
    {
        var unknown = UnknownKeys(configuration).Select(key => key.Contains(' ', StringComparison.Ordinal) ? key : $"Unknown setting '{key}'.").ToList();
        var settings = new InstallerSettings(
            Bind<VirtualClusterOptions>(configuration, VirtualClusterOptions.Section),
            Bind<BuildOptions>(configuration, BuildOptions.Section),
            Bind<ImageOptions>(configuration, ImageOptions.Section),
            Bind<SshOptions>(configuration, SshOptions.Section),
            Bind<ResourceOptions>(configuration, ResourceOptions.Section),
            Bind<ApiWaitOptions>(configuration, ApiWaitOptions.Section),
            Bind<TenantOptions>(configuration, TenantOptions.Section),
            Bind<ComponentsOptions>(configuration, ComponentsOptions.Section));
        var problems = unknown.Concat(InstallerSettingsValidator.Validate(settings)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInstallerConfigurationException(problems);
        }

        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IClusterConnection, KubeconfigConnection>();
        services.AddSingleton<IObjectApplier, ServerSideApplier>();
        services.AddSingleton<IClusterNodes, ClusterNodes>();
        services.AddSingleton<IClusterState, ClusterState>();
        services.AddSingleton<Stages.IComponentChecks, ComponentChecks>();
        services.AddSingleton<Hosts.IHostAccess, Hosts.HostShellFactory>();

        // The role's task files, in its order (InstallStages: the one list a stage is added to).
        foreach (var (_, stage) in InstallStages.All)
        {
            services.AddSingleton(typeof(IInstallStage), stage);
        }

        // The tenant classes reach the super cluster through these two (opened when first used: a run whose tenant stages are skipped never opens it).
        services.AddSingleton<ITenancyApi>(provider => new TenancyApi(() => provider.GetRequiredService<IClusterConnection>().Client));
        services.AddSingleton<ISuperClusterObjects>(provider => new SuperClusterObjects(() => provider.GetRequiredService<IClusterConnection>().Client));
        services.AddSingleton(provider => new Tenants.VirtualClusters(
            provider.GetRequiredService<ITenancyApi>(), provider.GetRequiredService<ISuperClusterObjects>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Tenants.IClusterVersions>(provider => new Tenants.ClusterVersions(provider.GetRequiredService<ITenancyApi>(), provider.GetRequiredService<ISuperClusterObjects>()));
        services.AddSingleton<StageRunner>();
        services.AddSingleton<Tenants.ITenantCreation>(provider => new Tenants.TenantCreation(
            provider.GetRequiredService<Tenants.VirtualClusters>(), provider.GetRequiredService<ISuperClusterObjects>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new Tenants.TenantCommands(
            settings, provider.GetRequiredService<IClusterConnection>(), provider.GetRequiredService<Tenants.VirtualClusters>(), provider.GetRequiredService<Tenants.ITenantCreation>(),
            provider.GetRequiredService<Tenants.IClusterVersions>(),
            new Tenants.TenantPause(provider.GetRequiredService<ITenancyApi>(), provider.GetRequiredService<ISuperClusterObjects>(), provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<TimeProvider>(), Console.Out));

        // The uninstall's steps, in the later role's teardown order (UninstallSteps), each after the one before, with a runner of their own.
        services.AddSingleton<ITeardownApi, KubernetesTeardownApi>();
        string? previous = null;
        foreach (var (name, kind) in UninstallSteps.Deletions)
        {
            AddTeardown(services, name, kind, previous is null ? [] : [previous]);
            previous = name;
        }

        services.AddKeyedSingleton<IInstallStage, RemoveWorkerImagesStage>(Uninstaller.Key);
        services.AddSingleton(provider => new Uninstaller(
            new StageRunner(provider.GetKeyedServices<IInstallStage>(Uninstaller.Key), provider.GetRequiredService<ILogger<StageRunner>>())));
        services.AddSingleton<VirtualClusterInstaller>();
        return services;
    }

    private static void AddTeardown(IServiceCollection services, string name, TeardownKind kind, string[] dependsOn) =>
        services.AddKeyedSingleton<IInstallStage>(Uninstaller.Key, (provider, _) =>
            new DeleteObjectsStage(name, kind, dependsOn, provider.GetRequiredService<ITeardownApi>(), provider.GetRequiredService<TimeProvider>()));

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
            .Where(key => !Sections.Any(section => Takes(section.Section, section.Type, key)))
            .Select(UnknownComponent)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>"Unknown setting" for the key, or for a component's whole section when the component itself is unknown.</summary>
    private static string UnknownComponent(string key)
    {
        var parts = key.Split(':');
        var prefix = ComponentsOptions.Section.Split(':');
        return parts.Length > prefix.Length && key.StartsWith(ComponentsOptions.Section + ":", StringComparison.OrdinalIgnoreCase)
            && typeof(ComponentsOptions).GetProperty(parts[prefix.Length], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null
            ? $"virtualcluster_components has '{parts[prefix.Length]}': known components are manager, syncer and vn-agent (vn_agent in a vars file)."
            : key;
    }

    private static bool Takes(string section, Type type, string key) =>
        key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && Accepts(type, key[(section.Length + 1)..].Split(':'));

    /// <summary>Whether the path names a settable property of the type: a value, a list item, a dictionary entry, or deeper in a nested class.</summary>
    private static bool Accepts(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is not { CanWrite: true })
        {
            return false;
        }

        var kind = property.PropertyType;
        return path.Length == 1
            || (path.Length == 2 && kind.IsGenericType && (kind.GetGenericTypeDefinition() == typeof(List<>) || kind.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
            || (kind.IsClass && kind != typeof(string) && !kind.IsGenericType && Accepts(kind, path[1..]));
    }
}
