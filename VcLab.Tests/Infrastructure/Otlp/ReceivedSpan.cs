namespace VcLab.Tests.Infrastructure.Otlp;

/// <summary>A span as a process exported it over OTLP: who sent it, its name, its place in the trace, its attributes.</summary>
public sealed record ReceivedSpan(
    string Service,
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes);
