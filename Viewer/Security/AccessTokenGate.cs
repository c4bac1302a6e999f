using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Security;

/// <summary>
/// When an access token is configured, every request but the health probes must carry it: as
/// <c>Authorization: Bearer</c>, as the cookie this gate sets, or once as <c>?access_token=</c> (which sets the
/// cookie and redirects to the same address without it).
/// </summary>
public sealed class AccessTokenGate(RequestDelegate next, IOptions<ViewerOptions> options)
{
    public const string CookieName = "viewer_access";
    public const string QueryName = "access_token";

    private readonly byte[]? _token = string.IsNullOrEmpty(options.Value.AccessToken)
        ? null
        : Encoding.UTF8.GetBytes(options.Value.AccessToken);

    public Task InvokeAsync(HttpContext context)
    {
        if (_token is null || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            return next(context);
        }

        var request = context.Request;
        if (Matches(request.Cookies[CookieName]) || Matches(Bearer(request.Headers.Authorization.ToString())))
        {
            return next(context);
        }

        if (request.Query.TryGetValue(QueryName, out var fromQuery) && Matches(fromQuery.ToString()))
        {
            context.Response.Cookies.Append(CookieName, fromQuery.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
            });
            var rest = request.Query.Where(pair => pair.Key != QueryName)
                .SelectMany(pair => pair.Value.Select(value => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(value ?? "")}"));
            var query = string.Join('&', rest);
            context.Response.Redirect(request.PathBase + request.Path + (query.Length > 0 ? "?" + query : ""));
            return Task.CompletedTask;
        }

        const string Detail = "This viewer needs its access token: open it once with ?access_token=<token>, or send Authorization: Bearer <token>.";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (request.Path.StartsWithSegments("/api"))
        {
            return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Access token required", Detail = Detail },
            }).AsTask();
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Detail, context.RequestAborted);
    }

    private static string? Bearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private bool Matches(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
