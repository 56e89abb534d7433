using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using VcLab.Hosting;
using VcLab.Hosting.BuildContainer;
using VcLab.Hosting.Docker;
using VcLab.Hosting.Images;
using VcLab.Hosting.SuperCluster;
using VcLab.Hosting.Tenants;
using VcLab.Installer;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Target;
using Xunit;
using VcLab.Installer.Options;

namespace VcLab.Testing;

/// <summary>
/// The lab for a test collection: a real super cluster on the local Docker engine and, unless turned off,
/// VirtualCluster installed onto it the way the role does (built in a build container, carried to every node,
/// deployed, verified). It comes up once before the collection's first test and is deleted after its last;
/// each test asks for a namespace of its own. Use it as an xunit collection fixture (see the README).
/// </summary>
public partial class VcLabFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(45);
    private readonly DiagnosticLogger _log = new(LogLevel.Information);
    private LabParts? _parts;
    private Kubernetes? _client;

    public VcLabFixture()
        : this(new VcLabFixtureOptions())
    {
    }

    protected VcLabFixture(VcLabFixtureOptions options) => Options = options;

    public VcLabFixtureOptions Options { get; }

    /// <summary>The running super cluster: nodes, API address, SSH user and key.</summary>
    public SuperCluster Cluster { get; private set; } = null!;

    /// <summary>The admin kubeconfig on this machine (mode 0600), whose server address works from here.</summary>
    public string KubeconfigPath => Cluster.KubeconfigPath;

    /// <summary>A Kubernetes client with the admin kubeconfig.</summary>
    public IKubernetes Client => _client ?? throw new InvalidOperationException("The lab is not up.");

    /// <summary>The build container (the installer's build host, <c>docker://NAME</c>), serving the upstream source it builds.</summary>
    public BuildContainer BuildContainer { get; private set; } = null!;

    /// <summary>The installer's recap (null when VirtualCluster is not installed).</summary>
    public InstallRecap? Install { get; private set; }

    /// <summary>The Docker engine's containers, for commands on the nodes (<c>ExecAsync(node.ContainerId, ...)</c>).</summary>
    public IContainerEngine Containers { get; private set; } = null!;

    protected IImageEngine Images { get; private set; } = null!;

    protected LabImageBuilder ImageBuilder { get; private set; } = null!;

    protected ILogger Log => _log;

    public virtual async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        _parts = await LabParts.ConnectAsync(_log, timeout.Token);
        Images = _parts.Images;
        Containers = _parts.Containers;
        ImageBuilder = _parts.ImageBuilder;
        try
        {
            await DeleteAsync(timeout.Token);
            // Both at once, as the AppHost starts them.
            var cluster = _parts.Provisioner.CreateAsync(Options.SuperCluster, timeout.Token);
            var buildContainer = _parts.BuildContainers.StartAsync(
                BuildContainerName, new Dictionary<string, string> { [SuperCluster.ClusterLabel] = Options.SuperCluster.Name }, Options.UpstreamDir, timeout.Token);
            await Task.WhenAll(cluster, buildContainer);
            Cluster = await cluster;
            BuildContainer = await buildContainer;
            _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Cluster.KubeconfigPath));
            if (Options.InstallVirtualCluster)
            {
                Install = await RunInstallerAsync(timeout.Token);
                if (Install.Failed)
                {
                    throw new InvalidOperationException($"Installing VirtualCluster into the lab '{Cluster.Name}' failed:{Environment.NewLine}{Install}");
                }
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A namespace for the running test, named after it (<c>t-method-name-XXXXX</c>) and labelled
    /// <c>vclab.test</c>. Dispose it at the end of the test (<c>await using</c>) to delete it.
    /// </summary>
    public async Task<LabNamespace> CreateNamespaceAsync(CancellationToken cancellationToken = default)
    {
        var label = TestLabel();
        var name = $"t-{label}-{Guid.NewGuid().ToString("N")[..5]}";
        await Client.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [LabNamespace.TestLabel] = label } } },
            cancellationToken: cancellationToken);
        return new LabNamespace(Client, name);
    }

    /// <summary>
    /// A tenant cluster for the running test (a VirtualCluster named after it, Running, with its own DNS): its
    /// kubeconfig path and a client. Dispose it at the end of the test (<c>await using</c>) to delete it.
    /// </summary>
    public async Task<LabTenant> CreateTenantAsync(CancellationToken cancellationToken = default)
    {
        if (Install is null)
        {
            throw new InvalidOperationException("This lab has no VirtualCluster installed (InstallVirtualCluster is false): it cannot make tenants.");
        }

        var name = $"t-{TestLabel()[..Math.Min(TestLabel().Length, 24)].TrimEnd('-')}-{Guid.NewGuid().ToString("N")[..5]}";
        var tenants = new LabTenants(Cluster, Client, TimeProvider.System);
        var started = Stopwatch.GetTimestamp();
        var tenant = await tenants.CreateAsync(name, cancellationToken);
        var phases = string.Join(", ", tenant.Phases.Select(phase => $"{phase.Name} {phase.At.TotalSeconds:F1} s"));
        TestingLog.TenantCreated(_log, name, Stopwatch.GetElapsedTime(started).TotalSeconds, phases, tenant.KubeconfigPath);
        return new LabTenant(tenant, async () =>
        {
            var deleting = Stopwatch.GetTimestamp();
            if (await tenants.DeleteAsync(name, CancellationToken.None))
            {
                TestingLog.TenantDeleted(_log, name, Stopwatch.GetElapsedTime(deleting).TotalSeconds);
            }
            else
            {
                TestingLog.TenantAlreadyGone(_log, name);
            }
        });
    }

    /// <summary>Side-loads an image from the local engine into every worker's containerd (pinned), as the role does (docker save, ctr import).</summary>
    public async Task LoadImageAsync(string image, CancellationToken cancellationToken = default)
    {
        var saved = await NodeImage.SaveAsync(Images, image, cancellationToken);
        try
        {
            var bootstrapper = new NodeBootstrapper(Containers);
            await Task.WhenAll(Cluster.Workers.Select(worker => bootstrapper.ImportAsync(worker, saved, cancellationToken)));
        }
        finally
        {
            // A test's image is not kept in the machine's node-image cache.
            File.Delete(saved.PathOnHost);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_parts is not null && !Options.KeepCluster)
        {
            await DeleteAsync(CancellationToken.None);
        }

        _parts?.Dispose();
        _parts = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The running test's method name as a label value (at most 50 characters).</summary>
    private static string TestLabel()
    {
        var test = TestContext.Current.TestMethod?.MethodName ?? "test";
        var label = NotInDnsLabel().Replace(test.ToLowerInvariant(), "-").Trim('-');
        return label[..Math.Min(label.Length, 50)].TrimEnd('-');
    }

    private string BuildContainerName => $"{Options.SuperCluster.Name}-build";

    /// <summary>
    /// Runs the installer (every stage of the role) against the lab with its settings, as the lab's start did, and
    /// returns the recap; a second run on an installed lab changes nothing.
    /// </summary>
    public async Task<InstallRecap> RunInstallerAsync(CancellationToken cancellationToken = default)
    {
        var recap = await InProcessInstaller.RunAsync(InstallTarget, SettingsBeyondTarget(), StageSelection.All, checkMode: false, _log, cancellationToken);
        TestingLog.Installed(_log, Cluster.Name, recap.ToString());
        return recap;
    }

    /// <summary>
    /// Takes VirtualCluster off the lab (<c>VcLab.Installer uninstall</c> with the lab's settings): every tenant,
    /// ClusterVersion, the components' namespace, the CRDs and the images on the workers. <see cref="RunInstallerAsync"/>
    /// puts it back.
    /// </summary>
    public async Task<InstallRecap> UninstallAsync(bool checkMode = false, CancellationToken cancellationToken = default)
    {
        var recap = await InProcessInstaller.UninstallAsync(InstallTarget, SettingsBeyondTarget(), checkMode, _log, cancellationToken);
        TestingLog.Installed(_log, Cluster.Name, recap.ToString());
        return recap;
    }

    /// <summary>What the installer runs on: this lab's super cluster and build container.</summary>
    public InstallTarget InstallTarget => LabInstallTarget.For(Cluster, BuildContainer);

    /// <summary>
    /// The installer's settings for this lab as configuration keys, as a <c>VcLab.Installer</c> process is given them:
    /// <see cref="InstallTarget"/>'s, then the fixture's own (its config folder) and <see cref="VcLabFixtureOptions.InstallerSettings"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> InstallerSettings() => InstallTarget.WithSettings(SettingsBeyondTarget());

    private Dictionary<string, string?> SettingsBeyondTarget()
    {
        var settings = new Dictionary<string, string?>
        {
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.Enabled))] = "true",
            [SettingKeys.Of(VirtualClusterOptions.Section, nameof(VirtualClusterOptions.ConfigDir))] = Path.Combine(Path.GetDirectoryName(Cluster.KubeconfigPath)!, "virtualcluster"),
        };
        foreach (var (key, value) in Options.InstallerSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await Containers.RemoveAsync(BuildContainerName, cancellationToken);
        await _parts!.Teardown.DeleteAsync(Options.SuperCluster.Name, Options.SuperCluster.StateDirectory, cancellationToken);
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotInDnsLabel();
}
