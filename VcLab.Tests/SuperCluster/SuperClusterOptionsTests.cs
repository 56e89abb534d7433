using VcLab.Hosting.Aspire;
using VcLab.Hosting.SuperCluster;
using Microsoft.Extensions.Configuration;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.SuperCluster;

/// <summary>The lab's name becomes folders, containers and a network: it is checked before anything of that name is made or deleted.</summary>
public sealed class SuperClusterOptionsTests
{
    [Theory]
    [BadInput]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("-lab")]
    [InlineData("lab-")]
    [InlineData("Lab")]
    [InlineData("lab_1")]
    [InlineData("a-name-that-is-much-longer-than-forty-chars")]
    public void NameProblem_NotADnsLabelOfAtMost40_IsNamedWithItsSetting(string name)
    {
        var problem = SuperClusterOptions.NameProblem(name);

        Assert.Equal($"SuperCluster:Name is '{name}': a lab's name must be a DNS label of at most 40 characters (a-z, 0-9, '-', starting and ending with a letter or digit).", problem);
    }

    [Theory]
    [InlineData("vclab")]
    [InlineData("vclab-test-1a2b3c")]
    [InlineData("a")]
    public void NameProblem_DnsLabel_IsNone(string name) => Assert.Null(SuperClusterOptions.NameProblem(name));

    [Fact]
    [BadInput]
    public void ThrowIfInvalid_EveryProblem_NamedInOneMessage()
    {
        var options = new SuperClusterOptions { Name = "..", Workers = 0, ApiServerHostPort = 70000 };

        var error = Assert.Throws<SuperClusterException>(options.ThrowIfInvalid);

        Assert.Contains("SuperCluster:Name is '..'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Workers is 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiServerHostPort is 70000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabParameters_Defaults_HaveNoProblem() =>
        Assert.Empty(LabParameters.Problems(new ConfigurationBuilder().Build()));

    [Theory]
    [BadInput]
    [InlineData("Parameters:super-cluster-workers", "9")]
    [InlineData("Parameters:super-cluster-workers", "-1")]
    [InlineData("Parameters:tenants", "1.5")]
    [InlineData("Parameters:lifetime", "")]
    [InlineData("Parameters:super-cluster-distribution", "1")]
    [InlineData("Parameters:demo", "on")]
    [InlineData("SuperCluster:Name", "")]
    public void LabParameters_OneBadValue_IsNamed(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        var problem = Assert.Single(LabParameters.Problems(configuration));

        Assert.StartsWith($"{key} is '{value}'", problem, StringComparison.Ordinal);
    }
}
