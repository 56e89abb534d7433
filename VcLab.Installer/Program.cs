using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
using var host = builder.Build();
Console.WriteLine("VcLab installer: the stages arrive with the installer issue.");
