namespace VcLab.Hosting.Images;

/// <summary>One binary archive entry of the host's apt configuration: a URI, a suite and its components.</summary>
internal sealed record AptSource(string Uri, string Suite, IReadOnlyList<string> Components)
{
    /// <summary>The one-line form that apt and mmdebstrap read.</summary>
    public string ToOneLine() => $"deb {Uri} {Suite} {string.Join(' ', Components)}";
}
