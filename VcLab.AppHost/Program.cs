// The map of the lab: a super cluster and a build container, the installer that waits for both, builds the
// VirtualCluster images, carries them to every node and deploys vc-manager, syncer and vn-agent, and the tenant
// clusters (VirtualClusters) made on it once the installer is done.
using VcLab.AppHost;
using VcLab.Hosting.Aspire;

var builder = DistributedApplication.CreateBuilder(args).AddLabTracing();

// Every setting is checked first, all at once: a typo is named before anything is started or deleted.
if (LabParameters.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    Console.Error.WriteLine($"VcLab cannot start: {string.Join(Environment.NewLine + "  ", ["its settings are not valid:", .. problems])}");
    return 2;
}

if (await LabPreflight.ProblemAsync() is { } problem)
{
    Console.Error.WriteLine($"VcLab cannot start: {problem}");
    return 1;
}

// Settings, shown in the dashboard; set with e.g. --Parameters:super-cluster-workers=3. lifetime=persistent keeps
// the lab running after Ctrl+C and re-attaches to it at the next start, as Aspire's persistent containers do.
var workers = builder.AddLabParameter(LabParameters.Workers);
var distribution = builder.AddLabParameter(LabParameters.Distribution);
var tenants = builder.AddLabParameter(LabParameters.Tenants);
var lifetime = builder.AddLabParameter(LabParameters.Lifetime);
var demo = builder.AddLabParameter(LabParameters.Demo);

var superCluster = builder.AddSuperCluster("super-cluster")
    .WithWorkers(workers)
    .WithDistribution(distribution)
    .WithLifetime(lifetime);

var buildContainer = builder.AddBuildContainer("build")
    .WithLifetime(lifetime);

var installer = builder.AddProject<Projects.VcLab_Installer>("installer")
    .WithSuperCluster(superCluster)
    .WithBuildContainer(buildContainer)
    .WithProgressOnConsole()
    .WithEnvironment("VirtualCluster__Enabled", "true");

// Tenant clusters under the super cluster, created once the installer has finished: tenant-1 .. tenant-N; with
// demo=true each gets a web page that names it, its address in the tenant's URLs.
foreach (var number in Enumerable.Range(1, tenants.Count()))
{
    var tenant = builder.AddTenant($"tenant-{number}", superCluster, installer);
    if (demo.IsOn())
    {
        tenant.WithDemo();
    }
}

// Disposed whatever happens, so that a Ctrl+C while the lab is still starting removes it too (see LabTeardownService).
await using var app = builder.Build();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException)
{
    // Ctrl+C while starting: nothing more to say; the lab goes as the app is disposed.
}

return 0;
