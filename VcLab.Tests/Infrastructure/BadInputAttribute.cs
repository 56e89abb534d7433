using Xunit.v3;

namespace VcLab.Tests.Infrastructure;

/// <summary>
/// A test that gives VcLab bad input (a setting, a file, a name, an argument) and checks that it is named, at once, with
/// nothing changed. <c>eng/test-figures.sh</c> counts them (each theory row is a case).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BadInputAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Kind", "BadInput")];
}
