using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Auth;

/// <summary>The admin token never reaches the logs, whatever the configured log level.</summary>
public sealed class TokenLoggingTests
{
    [Fact]
    public async Task TheAdminTokenIsNeverLoggedEvenAtTraceLevel()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new SessionKitApp(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            },
            services => services.AddLogging(logging => logging.AddProvider(logs)));

        await using (var viewer = await LiveHubClient.ConnectAsync(app, app.AdminToken))
        {
            await viewer.InvokeAsync("WatchProject", "default");
        }

        using var admin = app.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/projects")).StatusCode);
        using var client = app.CreateClient();
        await client.GetAsync($"/api/v1/projects?access_token={app.AdminToken}");

        Assert.Contains(logs.Lines, line => line.Contains("/hubs/live", StringComparison.Ordinal) || line.Contains("LiveHub", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(app.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccessTokenInTheQueryIsOnlyAcceptedByTheLiveHub()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/v1/projects?access_token={app.AdminToken}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
