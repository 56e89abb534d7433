namespace VcLab.Hosting.Docker;

/// <summary>A repository and tag, such as <c>debian:bookworm-slim</c>.</summary>
internal sealed record ImageReference(string Repository, string Tag)
{
    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new ImageReference(reference[..colon], reference[(colon + 1)..])
            : new ImageReference(reference, "latest");
    }

    public override string ToString() => $"{Repository}:{Tag}";
}
