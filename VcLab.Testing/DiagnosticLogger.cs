using Microsoft.Extensions.Logging;
using Xunit;

namespace VcLab.Testing;

/// <summary>
/// Sends the lab's log lines to the current test's output when a test is running; while the lab comes up, its
/// progress (the super cluster's phases, image builds, the installer's stages, tenants) goes to xunit's diagnostic
/// messages (shown with <c>"diagnosticMessages": true</c> in xunit.runner.json) and to <see cref="ProgressLog"/>, a
/// line per step, without the build's own output; a tenant's creation and deletion inside a test go there too.
/// </summary>
internal sealed class DiagnosticLogger(LogLevel minimum) : ILogger, ILoggerProvider
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"[vclab] {logLevel}: {formatter(state, exception)}";
        if (TestContext.Current.TestOutputHelper is { } output)
        {
            output.WriteLine(line);

            // Inside a test, only its tenants' creation and deletion times go to the console too (a failure the test
            // expects is for its own output).
            if (ProgressLog.IsTenantStep(eventId.Name))
            {
                ProgressLog.Write(line);
            }
        }
        else if (ProgressLog.IsProgress(eventId.Name, logLevel))
        {
            TestContext.Current.SendDiagnosticMessage(line);

            // The test command shows diagnostic messages only at its end: the progress file is followed on the console.
            ProgressLog.Write(line);
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
