using Microsoft.Extensions.Logging;
using Xunit;

namespace VcLab.Testing;

/// <summary>
/// Sends the lab's log lines to the current test's output when a test is running; while the lab comes up, its
/// progress (the super cluster's phases, image builds, the installer's stages, tenants) goes to xunit's diagnostic
/// messages (shown with <c>"diagnosticMessages": true</c> in xunit.runner.json). Every step of progress, inside a test
/// as well, also goes to <see cref="ProgressLog"/>, a line per step, without the build's own output.
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
        var progress = ProgressLog.IsProgress(eventId.Name, logLevel);
        if (TestContext.Current.TestOutputHelper is { } output)
        {
            output.WriteLine(line);
        }
        else if (progress)
        {
            TestContext.Current.SendDiagnosticMessage(line);
        }

        // The test command shows diagnostic messages only at its end: the progress file is followed on the console, so
        // a step of the lab's (a tenant made or deleted inside a test as well) is there as it happens.
        if (progress)
        {
            ProgressLog.Write(line);
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
