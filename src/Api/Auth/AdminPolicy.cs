namespace SessionKit.Api.Auth;

/// <summary>Names shared by the authentication setup and the endpoints that require an administrator.</summary>
public static class AdminPolicy
{
    public const string Name = "Admin";
    public const string Role = "admin";
    public const string SelectorScheme = "SessionKit";
    public const string CookieScheme = "SessionKitCookie";
    public const string TokenScheme = "SessionKitAdminToken";
    public const string CookieName = "sessionkit.auth";
}
