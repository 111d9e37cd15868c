using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Dashboard login (cookie) and the admin bearer token, both granting the admin policy.</summary>
    public static IServiceCollection AddSessionKitAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.AdminToken = configuration["SESSIONKIT_ADMIN_TOKEN"] is { Length: > 0 } token ? token : options.AdminToken);

        // Login cookies must survive restarts, so the keys that protect them live in the data directory,
        // unless the storage keeps them itself (PostgreSQL does, so that every node of a cluster shares them).
        services.AddDataProtection().SetApplicationName("SessionKit");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((options, storage, loggers) =>
            options.XmlRepository ??= new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(storage.Value.DataDirectory, "keys")), loggers));

        services.AddAuthentication(AdminPolicy.SelectorScheme)
            .AddPolicyScheme(AdminPolicy.SelectorScheme, "Cookie or admin token", options =>
                options.ForwardDefaultSelector = context =>
                    AdminTokenAuthenticationHandler.CarriesToken(context.Request) ? AdminPolicy.TokenScheme : AdminPolicy.CookieScheme)
            .AddCookie(AdminPolicy.CookieScheme, options =>
            {
                options.Cookie.Name = AdminPolicy.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                // An API answers 401/403; redirecting to a login page is the dashboard's job.
                options.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminPolicy.TokenScheme, null);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(AdminPolicy.CookieScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.LoginLifetime);

        // ASP.NET Core's request log prints whole URLs, and the live hub's carry the admin token in the
        // query: keep that one log category quiet whatever the configured levels say (a rule for the exact
        // category, added after configuration's, wins over any configured level).
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(RequestLogCategory, LogLevel.Warning));

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, policy => policy.RequireAuthenticatedUser().RequireRole(AdminPolicy.Role));
        return services;
    }

    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static Task Status(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
