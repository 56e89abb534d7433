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

    /// <summary>
    /// An http(s) address split into the address without its user info and the credentials it held (user, and password
    /// or token), so git can be given them through a credential helper instead of its arguments or <c>.git/config</c>.
    /// Other addresses (a path, ssh://git@host) are returned as they are, with no credentials.
    /// </summary>
    public static (string Url, string? User, string? Password) Split(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length == 0)
        {
            return (url, null, null);
        }

        var parts = uri.UserInfo.Split(':', 2);
        var bare = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);
        return (bare, Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null);
    }

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@'""]+@")]
    private static partial Regex UserInfo();
}
