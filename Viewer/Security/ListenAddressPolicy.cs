using System.Net;

namespace FilePipeline.Viewer.Security;

/// <summary>
/// The viewer listens on loopback unless told otherwise; it refuses any other address unless an access token
/// is configured (<see cref="ViewerOptions.AccessToken"/>).
/// </summary>
public static class ListenAddressPolicy
{
    /// <summary>Where the viewer listens when nothing says where.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The configured listen addresses (<c>urls</c>, <c>http_ports</c>/<c>https_ports</c>, Kestrel endpoints).</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        if (configuration["urls"] is { Length: > 0 } list)
        {
            urls.AddRange(list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            if (configuration[key] is { Length: > 0 } ports)
            {
                // Ports alone bind every interface.
                urls.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(port => $"{scheme}://*:{port}"));
            }
        }

        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>());
        return urls;
    }

    /// <summary>The addresses among <paramref name="urls"/> that are not loopback.</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls) =>
        [.. urls.Where(url => !IsLoopback(url))];

    /// <summary>Throws a clear error when the viewer would listen beyond loopback without an access token.</summary>
    public static void Check(IEnumerable<string> urls, string? accessToken)
    {
        var exposed = NonLoopback(urls);
        if (exposed.Count > 0 && string.IsNullOrEmpty(accessToken))
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {string.Join(", ", exposed)}: the viewer binds to loopback only unless an access " +
                "token is configured (set Viewer__AccessToken, or listen on http://127.0.0.1:<port>).");
        }
    }

    public static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcards (*, +) that Uri does not; they bind every interface.
        var host = HostOf(url);
        if (host is null || host is "*" or "+" or "")
        {
            return false;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static string? HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var rest = url[(start + 3)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = end < 0 ? rest : rest[..end];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : authority[..(close + 1)];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
