using Microsoft.Extensions.Logging;
using Xunit;

namespace VcLab.Testing;

/// <summary>
/// Sends the lab's log lines to xunit as diagnostic messages (shown with <c>"diagnosticMessages": true</c> in
/// xunit.runner.json), and to the current test's output when a test is running.
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
        }
        else
        {
            TestContext.Current.SendDiagnosticMessage(line);
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
