namespace VcLab.Hosting.Docker;

/// <summary>A running container as the lab finds it again: its ID, the image it was made from, and its labels.</summary>
public sealed record RunningContainer(string Id, string Image, IReadOnlyDictionary<string, string> Labels);
