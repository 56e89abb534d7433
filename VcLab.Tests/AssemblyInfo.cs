// The lab runs node containers, cgroups and sshd: its tests run on Linux only.
// (Collections run one at a time, see xunit.runner.json: they share two cores with the clusters they start.)
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The tests that stop the Docker engine run after every other collection.
[assembly: TestCollectionOrderer(typeof(VcLab.Tests.Infrastructure.EngineRestartsLastOrderer))]
