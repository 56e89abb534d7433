// The map of the lab: a super cluster and a build container, and the installer that waits for both,
// builds the VirtualCluster images, carries them to every node and deploys vc-manager, syncer and vn-agent.
using VcLab.Hosting.Aspire;

if (await LabPreflight.ProblemAsync() is { } problem)
{
    Console.Error.WriteLine($"VcLab cannot start: {problem}");
    return 1;
}

var builder = DistributedApplication.CreateBuilder(args);

var superCluster = builder.AddSuperCluster("super-cluster", workers: 2);
var buildContainer = builder.AddBuildContainer("build");

builder.AddProject<Projects.VcLab_Installer>("installer")
    .WithSuperCluster(superCluster)
    .WithBuildContainer(buildContainer)
    .WithEnvironment("VirtualCluster__Enabled", "true");

builder.Build().Run();
return 0;
