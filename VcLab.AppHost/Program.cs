// The map of the lab: a super cluster and a build container, and the installer that waits for both,
// builds the VirtualCluster images, carries them to every node and deploys vc-manager, syncer and vn-agent.
using VcLab.Hosting.Aspire;

if (await LabPreflight.ProblemAsync() is { } problem)
{
    Console.Error.WriteLine($"VcLab cannot start: {problem}");
    return 1;
}

var builder = DistributedApplication.CreateBuilder(args);

// Settings, shown in the dashboard; set with e.g. --Parameters:super-cluster-distribution=k3s
var workers = builder.AddParameter("super-cluster-workers", "2", publishValueAsDefault: true);
var distribution = builder.AddParameter("super-cluster-distribution", "debian", publishValueAsDefault: true);

var superCluster = builder.AddSuperCluster("super-cluster")
    .WithWorkers(workers)
    .WithDistribution(distribution);

var buildContainer = builder.AddBuildContainer("build");

builder.AddProject<Projects.VcLab_Installer>("installer")
    .WithSuperCluster(superCluster)
    .WithBuildContainer(buildContainer)
    .WithEnvironment("VirtualCluster__Enabled", "true");

builder.Build().Run();
return 0;
