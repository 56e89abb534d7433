namespace VcLab.Tests.Infrastructure;

/// <summary>
/// Tests that stop or restart the Docker engine, which stops every lab on the machine: they run alone, after every other
/// collection (<see cref="EngineRestartsLastOrderer"/>), one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineRestartCollection
{
    public const string Name = "engine-restarts";
}
