using SessionKit.Api.Alerts;
using SessionKit.Api.Auth;
using SessionKit.Api.Bench;
using SessionKit.Api.Cluster;
using SessionKit.Api.Comments;
using SessionKit.Api.Health;
using SessionKit.Api.Hosting;
using SessionKit.Api.Ingest;
using SessionKit.Api.Live;
using SessionKit.Api.Projects;
using SessionKit.Api.Sessions;
using SessionKit.Api.Signals;
using SessionKit.Api.StaticSites;
using SessionKit.Api.Visitors;
using SessionKit.Grains;
using SessionKit.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseSessionKitDefaultUrl();
builder.Services
    .AddSessionKitStorage(builder.Configuration)
    .AddGrainRuntime()
    .AddSessionKitGrains()
    .AddSessionKitTransport(builder.Configuration)
    .AddSessionKitApi()
    .AddSessionKitHealth()
    .AddSessionKitAuth()
    .AddSessionKitLive()
    .AddSessionKitAlerts();

var app = builder.Build();
await app.InitializeSessionKitAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseResponseCompression();
app.UseMiddleware<IngestPreflightMiddleware>();
app.UseRateLimiter();
app.UseSessionKitStaticSites();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealthEndpoints();
app.MapAuthEndpoints();
app.MapIngestEndpoints();
app.MapSessionEndpoints();
app.MapProjectEndpoints();
app.MapCommentEndpoints();
app.MapVisitorEndpoints();
app.MapSignalEndpoints();
app.MapAlertRuleEndpoints();
app.MapWebhookEndpoints();
app.MapClusterEndpoints();
app.MapLiveHub();
app.MapDemoConfig();
app.MapBenchEndpoints();
app.LogSessionKitUrls();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
