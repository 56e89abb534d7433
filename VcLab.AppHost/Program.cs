var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.VcLab_Installer>("installer");

builder.Build().Run();
