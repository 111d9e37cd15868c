using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SessionKit.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;SESSIONKIT_ADMIN_TOKEN&gt;</c> (or, on the live hub only,
/// <c>access_token</c> in the query, since browsers cannot set headers on WebSockets) as the
/// administrator. Compared in constant time; the token is never logged.
/// </summary>
public sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static bool CarriesToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (AcceptsQueryToken(request) && request.Query.ContainsKey(QueryTokenName));

    private const string QueryTokenName = "access_token";

    // Query strings end up in logs and browser histories: only the hub, which has no other way, takes one.
    private static bool AcceptsQueryToken(HttpRequest request) => request.Path.StartsWithSegments(Live.LiveServiceCollectionExtensions.HubPath);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var expected = auth.Value.AdminToken;
        if (string.IsNullOrEmpty(expected) || !FixedTimeEquals(presented, expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the administrator token."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin-token"), new Claim(ClaimTypes.Role, AdminPolicy.Role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    private static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return AcceptsQueryToken(request) && request.Query[QueryTokenName].ToString() is { Length: > 0 } query ? query : null;
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
