using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionKit.Api.Projects;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Hosting;

public static partial class StartupTasks
{
    private const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Listens on 127.0.0.1:8080 unless --urls, ASPNETCORE_URLS or configuration says otherwise.</summary>
    public static WebApplicationBuilder UseSessionKitDefaultUrl(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>Creates the data directory, applies migrations and makes the default project on first start.</summary>
    public static async Task InitializeSessionKitAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        var projects = app.Services.GetRequiredService<IProjectStore>();
        if (await projects.GetProjectAsync(ProjectFactory.DefaultProjectId, CancellationToken.None) is null)
        {
            var clock = app.Services.GetRequiredService<TimeProvider>();
            await projects.TryCreateProjectAsync(
                ProjectFactory.Create(ProjectFactory.DefaultProjectId, "Default project", [], clock.GetUtcNow()), CancellationToken.None);
        }
    }

    /// <summary>Tells a newcomer where to go once the server listens.</summary>
    public static void LogSessionKitUrls(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var root = addresses?.FirstOrDefault()?.TrimEnd('/');
            if (root is not null)
            {
                LogUrls(app.Logger, root + "/", root + "/demo/");
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SessionKit is running. Dashboard: {DashboardUrl}  Demo site: {DemoUrl}")]
    private static partial void LogUrls(ILogger logger, string dashboardUrl, string demoUrl);
}
