namespace VcLab.Tests.Infrastructure.Otlp;

/// <summary>A span as a process exported it over OTLP: who sent it, its name, its place in the trace, its attributes, its status.</summary>
public sealed record ReceivedSpan(
    string Service,
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes,
    int StatusCode)
{
    /// <summary>OTLP's STATUS_CODE_ERROR.</summary>
    public const int Error = 2;
}
