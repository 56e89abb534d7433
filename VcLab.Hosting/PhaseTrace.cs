using System.Diagnostics;

namespace VcLab.Hosting;

/// <summary>One span for a long piece of work and a child span per phase; a phase's span ends when the next begins.</summary>
internal sealed class PhaseTrace : IDisposable
{
    private readonly Activity? _root;
    private Activity? _phase;

    public PhaseTrace(string name, string tag, string value)
    {
        _root = HostingTelemetry.Source.StartActivity(name);
        _root?.SetTag(tag, value);
    }

    public void Begin(string phase)
    {
        _phase?.Dispose();
        _phase = HostingTelemetry.Source.StartActivity(phase, ActivityKind.Internal, _root?.Context ?? default);
    }

    public void Fail(Exception exception)
    {
        _phase?.SetStatus(ActivityStatusCode.Error, exception.Message);
        _root?.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    public void Dispose()
    {
        _phase?.Dispose();
        _root?.Dispose();
    }
}
