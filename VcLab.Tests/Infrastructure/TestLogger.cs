using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VcLab.Tests.Infrastructure;

/// <summary>Writes log lines to the running test's output and keeps them, so a test can assert what was logged.</summary>
public sealed class TestLogger : ILogger, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    /// <summary>Called with each message as it is logged, on the logging thread (a test's hook into a stage's progress).</summary>
    public Action<string>? OnMessage { get; init; }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        _messages.Enqueue(message);
        OnMessage?.Invoke(message);
        if (TestContext.Current.TestOutputHelper is { } output)
        {
            output.WriteLine($"{logLevel}: {message}");
        }
        else if (VcLab.Testing.ProgressLog.IsProgress(eventId.Name, logLevel))
        {
            // A fixture coming up: its progress goes where eng/run-tests.sh shows it.
            VcLab.Testing.ProgressLog.Write($"[vclab] {logLevel}: {message}");
        }
    }

    public void Clear() => _messages.Clear();

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
