// VcLab installer: installs the VirtualCluster components onto any super cluster, the way the
// k8s-virtual-cluster role does. Settings come from appsettings.json, an Ansible vars file
// (--vars FILE, the role's own variable names), VCLAB_ environment variables and the command line.
//
//   VcLab.Installer --vars vars.yml [--kubeconfig FILE] [--tags a,b] [--skip-tags c] [--check] [--Section:Key=value ...]
//   VcLab.Installer uninstall --vars vars.yml [--kubeconfig FILE] [--check]
//   VcLab.Installer tenant create|list|kubeconfig|delete|pause|resume [NAME] --vars vars.yml
//   VcLab.Installer --syntax-check --vars vars.yml
//   VcLab.Installer --help
//
// Exit codes: 0 done, 1 a stage failed, 2 bad settings, 130 stopped by Ctrl+C or SIGTERM (ExitCodes).
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VcLab.Installer;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Tenants;

var command = InstallerCommandLine.Parse(args);
if (command.Error is { } usage)
{
    Console.Error.WriteLine(usage);
    return 2;
}

if (command.HelpShown)
{
    return 0;
}

var builder = Host.CreateApplicationBuilder(command.HostArguments);
if (command.Tenant is not null)
{
    // A tenant command's output is its answer: the host's and the stages' information lines stay out of it.
    builder.Services.Configure<Microsoft.Extensions.Logging.LoggerFilterOptions>(options => options.MinLevel = Microsoft.Extensions.Logging.LogLevel.Warning);
}

IReadOnlyList<string> varsProblems = [];
try
{
    if (command.VarsFile is { } varsFile)
    {
        var (values, problems) = AnsibleVarsFile.Read(varsFile);
        builder.Configuration.AddInMemoryCollection(values);
        varsProblems = problems;
    }

    builder.Configuration.AddEnvironmentVariables("VCLAB_");
    builder.Configuration.AddCommandLine(command.HostArguments);
    builder.Configuration.AddInMemoryCollection(command.Overrides);
    builder.AddServiceDefaults(InstallerTelemetry.Name);
    builder.Services.AddVirtualClusterInstaller(builder.Configuration);
    if (varsProblems.Count > 0)
    {
        throw new InvalidInstallerConfigurationException(varsProblems);
    }
}
catch (InvalidInstallerConfigurationException exception)
{
    // Every bad setting at once: the vars file's unknown names and the settings' own problems.
    Console.Error.WriteLine(new InvalidInstallerConfigurationException([.. varsProblems.Except(exception.Errors), .. exception.Errors]).Message);
    return 2;
}

using var host = builder.Build();
if (command.SyntaxCheckOnly)
{
    Console.WriteLine("The settings are valid: nothing was reached or run (--syntax-check).");
    return 0;
}

await host.StartAsync();
// Ctrl+C (SIGINT) and SIGTERM reach the host's console lifetime, which stops the application: the run is cancelled then,
// and what it started on the hosts is stopped there (RemoteScript) before the recap is printed.
using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
if (command.Tenant is { } tenantCommand)
{
    var exitCode = await host.Services.GetRequiredService<TenantCommands>().RunWithExitCodeAsync(tenantCommand, Console.Error, cancellation.Token);
    await host.StopAsync();
    return exitCode;
}

var installer = host.Services.GetRequiredService<VirtualClusterInstaller>();

var recap = command.Uninstall
    ? await installer.UninstallAsync(command.CheckMode, cancellation.Token)
    : await installer.RunAsync(command.Selection, command.CheckMode, cancellation.Token);
var interrupted = cancellation.IsCancellationRequested; // read before the host's stop, which cancels it too
Console.WriteLine(recap);
foreach (var failure in recap.Stages.Where(stage => stage.Error is not null))
{
    Console.Error.WriteLine(failure.Error!.Message);
}

if (recap.Stages.All(stage => stage.Status == StageStatus.Skipped) && !host.Services.GetRequiredService<InstallerSettings>().VirtualCluster.Enabled)
{
    Console.Error.WriteLine("Nothing ran: virtualcluster_enabled is false. Set it to true in the vars file, or pass --VirtualCluster:Enabled=true.");
}

await host.StopAsync();
return recap.Succeeded ? 0 : interrupted ? ExitCodes.Interrupted : 1;
