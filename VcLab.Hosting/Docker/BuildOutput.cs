using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using VcLab.Installer.Hosts;

namespace VcLab.Hosting.Docker;

/// <summary>
/// Streams build output to a logger line by line and keeps the tail for the error message. The classic builder colours
/// what a step writes to stderr (<c>ESC[91m</c> ... <c>ESC[0m</c>); the colour codes are dropped.
/// </summary>
internal sealed partial class BuildOutput(string tag, ILogger log, int tailLength, Action<string>? onLine = null) : IProgress<JSONMessage>
{
    private readonly OutputTail _tail = new(tailLength);
    private string? _error;

    public IReadOnlyList<string> Tail => _tail.Lines;

    public void Report(JSONMessage value)
    {
        var error = value.Error?.Message?.Trim();
        if (!string.IsNullOrEmpty(error))
        {
            _error ??= error;
            _tail.Add(error);
        }

        foreach (var line in (value.Stream ?? value.Status ?? string.Empty).Split('\n'))
        {
            var text = ColourCode().Replace(line, string.Empty).TrimEnd();
            if (text.Length > 0)
            {
                _tail.Add(text);
                HostingLog.BuildOutput(log, tag, text);
                onLine?.Invoke(text);
            }
        }
    }

    public void ThrowIfFailed()
    {
        if (_error is { } error)
        {
            throw new ImageBuildException(tag, error, Tail);
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCode();
}
