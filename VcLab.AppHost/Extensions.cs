namespace VcLab.AppHost;

/// <summary>Helpers for Program.cs.</summary>
internal static class Extensions
{
    /// <summary>
    /// A parameter shown in the dashboard whose value is the configuration's <c>Parameters:NAME</c> (e.g.
    /// <c>--Parameters:super-cluster-workers=3</c>), else its default (<c>LabParameters.Defaults</c>).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddLabParameter(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, builder.Configuration[$"Parameters:{name}"] ?? VcLab.Hosting.Aspire.LabParameters.Defaults[name], publishValueAsDefault: true);

    /// <summary>A parameter's value as true or false (checked by LabParameters before the AppHost is built).</summary>
    public static bool IsOn(this IResourceBuilder<ParameterResource> parameter) =>
        bool.Parse(parameter.Resource.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() ?? "false");

    /// <summary>A parameter's value as a count of things (0 or more), read when the AppHost is built; else an error naming the parameter.</summary>
    public static int Count(this IResourceBuilder<ParameterResource> parameter)
    {
        var value = parameter.Resource.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 0 and <= 8
            ? count
            : throw new ArgumentException($"The parameter {parameter.Resource.Name} is '{value}': give a whole number from 0 to 8 (Parameters:{parameter.Resource.Name}).");
    }
}
