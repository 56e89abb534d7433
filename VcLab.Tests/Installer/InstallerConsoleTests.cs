using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer;

/// <summary>The installer's console entry point, run as a user would run it.</summary>
public sealed class InstallerConsoleTests
{
    [Fact]
    [BadInput]
    public async Task Run_BadVarsFile_ExitsWith2AndNamesEveryProblem()
    {
        var vars = Path.Combine(TestFolders.Create("vclab-vars-"), "vars.yml");
        await File.WriteAllTextAsync(vars, "virtualcluster_enabled: true\nvirtualcluster_namspace: x\n", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunAsync("--vars", vars);

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown variable 'virtualcluster_namspace'", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'virtualcluster_namespace'?", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_MisspelledVariableAndBadValue_BothReportedInOneRun()
    {
        // Given a vars file with a misspelled variable and a namespace that is not a DNS label
        var vars = Path.Combine(TestFolders.Create("vclab-vars-"), "vars.yml");
        await File.WriteAllTextAsync(vars, "virtualcluster_enabled: true\nvirtualcluster_build_timout: 10\nvirtualcluster_namespace: Bad_NS\n", TestContext.Current.CancellationToken);

        // When the installer runs with it
        var (exitCode, _, error) = await RunAsync("--vars", vars);

        // Then both are named, at once
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown variable 'virtualcluster_build_timout'", error, StringComparison.Ordinal);
        Assert.Contains("virtualcluster_namespace is 'Bad_NS'", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_InvalidValues_ExitsWith2BeforeTouchingAnything()
    {
        var (exitCode, _, error) = await RunAsync("--VirtualCluster:Enabled=true", "--VirtualCluster:Resources:RequestsCpu=500mm", "--VirtualCluster:Namespace=Bad");

        Assert.Equal(2, exitCode);
        Assert.Contains("virtualcluster_pod_resource_requests.cpu is '500mm'", error, StringComparison.Ordinal);
        Assert.Contains("virtualcluster_namespace is 'Bad'", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_SshUserWithAShellCommand_IsRefusedAtValidation_AndNothingRuns()
    {
        // Given an SSH user that would run a command if it reached a shell unquoted
        var marker = Path.Combine(Path.GetTempPath(), $"vclab-injected-{Guid.NewGuid():N}");

        // When the installer and the uninstall are started with it
        var (exitCode, output, error) = await RunAsync("--VirtualCluster:Enabled=true", $"--VirtualCluster:Ssh:User=a;touch {marker}");
        var (uninstallExit, _, uninstallError) = await RunAsync("uninstall", "--VirtualCluster:Enabled=true", $"--VirtualCluster:Ssh:User=a;touch {marker}");

        // Then both stop with exit 2 naming the setting, before any stage, and the command never ran
        Assert.Equal(2, exitCode);
        Assert.Contains($"virtualcluster_ssh_user is 'a;touch {marker}': a login name is", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RECAP", output, StringComparison.Ordinal);
        Assert.Equal(2, uninstallExit);
        Assert.Contains("virtualcluster_ssh_user is", uninstallError, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    [BadInput]
    public async Task Run_ImageTarWhoseManifestHidesACommand_IsRefusedNamingTheFile_AndTheCommandNeverRuns()
    {
        // Given docker-save tars, one of whose manifest.json names its config "x'; touch MARKER; '.json" (its image ID once
        // went into a build-host script in single quotes)
        var folder = TestFolders.Create("vclab-evil-tar-");
        var marker = Path.Combine(folder, "injected");
        var evil = DockerSaveTar(folder, "manager", "virtualcluster/manager-amd64:latest", $"x'; touch {marker}; '.json");
        var syncer = DockerSaveTar(folder, "syncer", "virtualcluster/syncer-amd64:latest", $"{new string('b', 64)}.json");
        var vnAgent = DockerSaveTar(folder, "vn-agent", "virtualcluster/vn-agent-amd64:latest", $"{new string('c', 64)}.json");

        // When the installer is started with them
        var (exitCode, output, error) = await RunAsync(
            "--VirtualCluster:Enabled=true", $"--VirtualCluster:Images:ManagerTar={evil}", $"--VirtualCluster:Images:SyncerTar={syncer}", $"--VirtualCluster:Images:VnAgentTar={vnAgent}");

        // Then it stops with exit 2 naming the setting and the file, before any stage, and the command never ran
        Assert.Equal(2, exitCode);
        Assert.Contains($"virtualcluster_manager_image_tar is '{evil}'", error, StringComparison.Ordinal);
        Assert.Contains("which is not a sha256 digest", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RECAP", output, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [BadInput]
    [InlineData("virtualcluster_source_dir", "--VirtualCluster:Build:SourceDir=-rf")]
    [InlineData("virtualcluster_local_cache_dir", "--VirtualCluster:Images:LocalCacheDir=--help")]
    public async Task Run_PathStartingWithADash_IsRefusedNamingTheSetting(string variable, string argument)
    {
        var (exitCode, _, error) = await RunAsync("--VirtualCluster:Enabled=true", argument);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{variable} is '{argument[(argument.IndexOf('=') + 1)..]}': a path or URL here is", error, StringComparison.Ordinal);
        Assert.Contains("not starting with '-'", error, StringComparison.Ordinal);
    }

    [Theory]
    [BadInput]
    [InlineData("--tags", "k8s-virtual-clustr")]
    [InlineData("--tags", "validate,crds")]
    [InlineData("--skip-tags", "buidl-binaries")]
    public async Task Run_TagThatNamesNoStage_ExitsWith2ListingTheStages(string option, string tags)
    {
        var (exitCode, output, error) = await RunAsync("--VirtualCluster:Enabled=true", option, tags);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option} names '{tags.Split(',')[^1]}', which is no stage. Stages: validate, namespace, crd,", error, StringComparison.Ordinal);
        Assert.Contains("'k8s-virtual-cluster' or 'all' for every one", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RECAP", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TheRolesOwnTag_IsAccepted()
    {
        // As the seed's README runs the role alone: ansible-playbook k8s-management.yml -t k8s-virtual-cluster
        var (exitCode, output, error) = await RunAsync("--tags", "k8s-virtual-cluster", "--syntax-check");

        Assert.True(exitCode == 0, error);
        Assert.Contains("The settings are valid", output, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_VarsFileWhoseTopIsAList_ExitsWith2SayingWhatAVarsFileIs()
    {
        var vars = Path.Combine(TestFolders.Create("vclab-vars-"), "vars.yml");
        await File.WriteAllTextAsync(vars, "- virtualcluster_enabled: true\n- virtualcluster_namespace: x\n", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunAsync("--vars", vars);

        Assert.Equal(2, exitCode);
        Assert.Contains($"The vars file '{vars}' holds a list at its top: a vars file is a mapping", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_PortsCountsBuildHostAndKubeconfigWrong_AllNamedAtOnce_BeforeAnythingRuns()
    {
        // Given a kubeconfig that is no kubeconfig, an SSH port and a parallelism out of range, and a build host whose port is a word
        var kubeconfig = Path.Combine(TestFolders.Create("vclab-kubeconfig-"), "admin.conf");
        await File.WriteAllTextAsync(kubeconfig, "this is not: [a kubeconfig", TestContext.Current.CancellationToken);

        // When the installer starts with them
        var (exitCode, output, error) = await RunAsync(
            "--VirtualCluster:Enabled=true", "--kubeconfig", kubeconfig, "--VirtualCluster:Ssh:Port=0", "--VirtualCluster:Ssh:Parallelism=0",
            "--VirtualCluster:Build:Host=builder:abc");

        // Then all four are named, in one run, with exit code 2
        Assert.Equal(2, exitCode);
        Assert.Contains($"virtualcluster_supercluster_kubeconfig_path is '{kubeconfig}': not a kubeconfig", error, StringComparison.Ordinal);
        Assert.Contains("ansible_port (VirtualCluster:Ssh:Port) is 0: it must be a port number (1-65535)", error, StringComparison.Ordinal);
        Assert.Contains("VirtualCluster:Ssh:Parallelism is 0", error, StringComparison.Ordinal);
        Assert.Contains("virtualcluster_build_host is 'builder:abc': its port 'abc' is not a port number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RECAP", output, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_SystemNamespaceForTheComponents_IsRefused()
    {
        var (exitCode, _, error) = await RunAsync("--VirtualCluster:Enabled=true", "--VirtualCluster:Namespace=kube-system");

        Assert.Equal(2, exitCode);
        Assert.Contains("virtualcluster_namespace is 'kube-system': a namespace Kubernetes itself owns cannot hold the components", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Uninstall_HelpNamesItsSteps_AndInstallOnlyOptionsAreErrors()
    {
        var (helpExit, help, _) = await RunAsync("uninstall", "--help");
        var (tagsExit, _, tagsError) = await RunAsync("uninstall", "--tags", "crd");

        Assert.Equal(0, helpExit);
        Assert.Contains("delete-virtual-clusters, delete-tenant-namespaces, delete-cluster-versions, delete-namespace, delete-cluster-objects, delete-crds, remove-worker-images", help, StringComparison.Ordinal);
        Assert.Equal(2, tagsExit);
        Assert.Contains("Unknown option or argument '--tags'", tagsError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsTheOptionsAndStages_AndRunsNothing()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--vars", output, StringComparison.Ordinal);
        Assert.Contains("--skip-tags", output, StringComparison.Ordinal);
        Assert.Contains("patch-source", output, StringComparison.Ordinal);
        Assert.DoesNotContain("validate                :", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delete", "--force")]
    [InlineData("kubeconfig", "--output")]
    [InlineData("create", "tenant's name")]
    public async Task Tenant_AVerbsHelpWithoutAName_PrintsItsHelp(string verb, string expected)
    {
        var (exitCode, output, error) = await RunAsync("tenant", verb, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_UnknownOption_ExitsWith2NamingIt()
    {
        var (exitCode, _, error) = await RunAsync("--chek");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option or argument '--chek'", error, StringComparison.Ordinal);
    }

    [Theory]
    [BadInput]
    [InlineData("tenant craete team-a", "craete", "Did you mean 'tenant create'?")]
    [InlineData("tenant delet team-a", "delet", "Did you mean 'tenant delete'?")]
    [InlineData("uninstal", "uninstal", "Did you mean 'uninstall'?")]
    [InlineData("tenants list", "tenants", "Did you mean 'tenant'?")]
    public async Task Run_MisspeltCommand_ExitsWith2SayingWhichItMeant(string commandLine, string misspelt, string meant)
    {
        var (exitCode, _, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains($"Unknown option or argument '{misspelt}'", error, StringComparison.Ordinal);
        Assert.Contains(meant, error, StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task Run_AWordFarFromEveryCommand_IsNamedWithoutAGuess()
    {
        var (exitCode, _, error) = await RunAsync("tenant", "frobnicate", "team-a");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option or argument 'frobnicate'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AStageFails_ExitsWith1_NotWithCtrlCsCode()
    {
        // Given an API server that nobody serves (the host's stop at the end cancels the run's token too: a failed run must
        // not be taken for one stopped by Ctrl+C)
        var kubeconfig = Path.Combine(TestFolders.Create("vclab-kubeconfig-"), "config");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: x}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """, TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunAsync("--kubeconfig", kubeconfig, "--tags", "validate", "--VirtualCluster:Enabled=true", "--VirtualCluster:ApiWait:TimeoutSeconds=1");

        Assert.True(exitCode == 1, $"exit {exitCode}: {error}");
        Assert.Contains("Stage 'validate' failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExampleVarsFile_IsValid()
    {
        // Given the example host_vars the README's commands use, with stages that need nothing outside
        var vars = Path.Combine(RepositoryRoot(), "VcLab.Installer", "examples", "host_vars.yml");

        // When it is checked (--syntax-check: nothing is reached or run)
        var (exitCode, output, error) = await RunAsync("--vars", vars, "--syntax-check");

        // Then every setting in it is accepted
        Assert.True(exitCode == 0, error);
        Assert.Contains("The settings are valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("RECAP", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NotEnabled_SkipsEveryStageAndSucceeds()
    {
        var (exitCode, output, error) = await RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("validate                : skipped", output, StringComparison.Ordinal);
        Assert.Contains("virtualcluster_enabled is false", output, StringComparison.Ordinal);
        Assert.Contains("Nothing ran: virtualcluster_enabled is false", error, StringComparison.Ordinal);
    }

    /// <summary>A docker-save archive holding only manifest.json, whose config entry is <paramref name="config"/>.</summary>
    private static string DockerSaveTar(string folder, string name, string tag, string config)
    {
        var path = Path.Combine(folder, $"{name}.tar");
        using var file = File.Create(path);
        using var writer = new System.Formats.Tar.TarWriter(file);
        var manifest = System.Text.Json.JsonSerializer.Serialize(new[] { new { Config = config, RepoTags = new[] { tag }, Layers = Array.Empty<string>() } });
        writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest)) });
        return path;
    }

    private static string RepositoryRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(InstallerProcess.AssemblyPath()))!, "..", "..", ".."));

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = InstallerProcess.Start(args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
