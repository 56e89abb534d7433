using System.Text.RegularExpressions;

namespace VcLab.Installer.Hosts;

/// <summary>
/// Hides the user and password (or token) in URLs such as <c>https://user:token@github.com/...</c>, so that a
/// repository address with credentials never reaches a log, an error message or a trace.
/// </summary>
internal partial class UrlCredentials
{
    public const string Mask = "***";

    public static string Redact(string text) => UserInfo().Replace(text, $"${{scheme}}{Mask}@");

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@'""]+@")]
    private static partial Regex UserInfo();
}
