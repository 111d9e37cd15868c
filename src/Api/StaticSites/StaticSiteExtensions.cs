using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using SessionKit.Api.Projects;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.StaticSites;

/// <summary>
/// Serves what the npm build produced (dashboard at /, SDK at /sdk) and the demo site at /demo.
/// Folders that are not built yet are skipped, so the API still runs without a front-end build.
/// </summary>
public static class StaticSiteExtensions
{
    private const string NonApiPaths = "{*path:nonfile:regex(^(?!api/|hubs/|sdk/|demo/|openapi/|health/).*$)}";

    public static WebApplication UseSessionKitStaticSites(this WebApplication app)
    {
        var root = app.Environment.ContentRootPath;
        var sdk = Path.Combine(root, "wwwroot", "sdk");
        if (Directory.Exists(sdk))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(sdk),
                RequestPath = "/sdk",
                // Pages on other origins load the SDK as an ES module, which needs CORS.
                OnPrepareResponse = context => context.Context.Response.Headers.AccessControlAllowOrigin = "*",
            });
        }

        var demo = Path.Combine(root, "Demo");
        if (Directory.Exists(demo))
        {
            var demoFiles = new PhysicalFileProvider(demo);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = demoFiles, RequestPath = "/demo" });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = demoFiles, RequestPath = "/demo" });
        }

        var dashboard = Path.Combine(root, "wwwroot", "dashboard");
        if (Directory.Exists(dashboard))
        {
            var dashboardFiles = new PhysicalFileProvider(dashboard);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = dashboardFiles });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = dashboardFiles });
            app.MapFallbackToFile(NonApiPaths, "index.html", new StaticFileOptions { FileProvider = dashboardFiles });
        }

        return app;
    }

    /// <summary>The demo page's SDK settings: this server and the default project's key.</summary>
    public static IEndpointRouteBuilder MapDemoConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/demo/config.js", async (HttpContext http, IProjectStore projects, CancellationToken cancellationToken) =>
        {
            var project = await projects.GetProjectAsync(ProjectFactory.DefaultProjectId, cancellationToken);
            var config = new { endpoint = $"{http.Request.Scheme}://{http.Request.Host}", projectKey = project?.IngestKey ?? "" };
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text($"window.SESSIONKIT_DEMO = {JsonSerializer.Serialize(config)};\n", "text/javascript");
        }).ExcludeFromDescription();
        return app;
    }
}
