using System.Globalization;
using System.Text.RegularExpressions;

namespace VcLab.Hosting.Images;

/// <summary>
/// How far a Go build inside an image build is, read from its output: the Dockerfile says how many packages there are
/// with a line <c>vclab-progress: N Go packages to build</c> (counted by <c>go list -deps</c>), then <c>go build -v</c>
/// names each package as it compiles it. Safe to feed from the build's output while the heartbeat reads it.
/// </summary>
internal sealed partial class GoBuildProgress
{
    private int _total;
    private int _compiled;

    /// <summary>Looks at one line of the build's output.</summary>
    public void Observe(string line)
    {
        if (TotalLine().Match(line) is { Success: true } total)
        {
            Interlocked.Exchange(ref _compiled, 0);
            Volatile.Write(ref _total, int.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        else if (Volatile.Read(ref _total) > 0 && PackageLine().IsMatch(line))
        {
            Interlocked.Increment(ref _compiled);
        }
    }

    /// <summary>
    /// "812 of about 1900 Go packages compiled", or null before the Dockerfile said how many there are. "About": the
    /// build also compiles its own code generators first, so the count is a guide, never more than the total. Once the
    /// count reaches the total, the binaries are being linked (a minute or two for Kubernetes' five), and it says so.
    /// </summary>
    public string? Describe()
    {
        var total = Volatile.Read(ref _total);
        var compiled = Volatile.Read(ref _compiled);
        return total == 0 ? null
            : compiled >= total ? $"about {total} Go packages compiled, linking the binaries"
            : $"{compiled} of about {total} Go packages compiled";
    }

    [GeneratedRegex(@"^vclab-progress: (\d+) Go packages to build$")]
    private static partial Regex TotalLine();

    /// <summary>An import path alone on its line, as <c>go build -v</c> prints it (<c>runtime</c>, <c>k8s.io/api/core/v1</c>).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)*$")]
    private static partial Regex PackageLine();
}
