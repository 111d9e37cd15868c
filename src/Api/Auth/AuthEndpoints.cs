using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Auth;

public static class AuthEndpoints
{
    private const int MinPasswordLength = 8;

    public sealed record Credentials(string? UserName, string? Password);

    public sealed record AuthState(bool SetupRequired, bool Authenticated, string? UserName);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapGet("/state", StateAsync).WithName("AuthState").WithSummary("Whether setup is needed and who is signed in.");
        group.MapPost("/setup", SetupAsync).WithName("Setup").WithSummary("Creates the first administrator and signs in.");
        group.MapPost("/login", LoginAsync).WithName("Login").WithSummary("Signs an administrator in (cookie).");
        group.MapPost("/logout", (Delegate)LogoutAsync).WithName("Logout").WithSummary("Signs out.");
        return app;
    }

    private static async Task<Ok<AuthState>> StateAsync(HttpContext http, IAdminStore admins, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(AdminPolicy.SelectorScheme);
        var user = result.Succeeded && result.Principal.IsInRole(AdminPolicy.Role) ? result.Principal.Identity?.Name : null;
        return TypedResults.Ok(new AuthState(!await admins.AnyAdminAsync(cancellationToken), user is not null, user));
    }

    private static async Task<Results<Created, ProblemHttpResult>> SetupAsync(
        Credentials credentials, HttpContext http, IAdminStore admins, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userName = credentials.UserName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > 100 || credentials.Password is not { Length: >= MinPasswordLength and <= 1000 } password)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid account",
                detail: $"A user name (1-100 characters) and a password of at least {MinPasswordLength} characters are required.");
        }

        var admin = new AdminRecord(userName, PasswordHasher.Hash(password), clock.GetUtcNow());
        if (!await admins.TryCreateFirstAdminAsync(admin, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already set up",
                detail: "An administrator exists; sign in instead.");
        }

        await SignInAsync(http, userName);
        return TypedResults.Created();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LoginAsync(
        Credentials credentials, HttpContext http, IAdminStore admins, CancellationToken cancellationToken)
    {
        var admin = string.IsNullOrEmpty(credentials.UserName) ? null : await admins.FindAdminAsync(credentials.UserName.Trim(), cancellationToken);
        if (admin is null || credentials.Password is null || !PasswordHasher.Verify(credentials.Password, admin.PasswordHash))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The user name or password is wrong.");
        }

        await SignInAsync(http, admin.UserName);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AdminPolicy.CookieScheme);
        return TypedResults.NoContent();
    }

    private static Task SignInAsync(HttpContext http, string userName)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, AdminPolicy.Role)], AdminPolicy.CookieScheme);
        return http.SignInAsync(AdminPolicy.CookieScheme, new ClaimsPrincipal(identity));
    }
}
