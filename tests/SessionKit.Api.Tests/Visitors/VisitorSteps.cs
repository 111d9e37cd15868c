using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Visitors;

/// <summary>A fresh project of its own, and what the SDK sends for visitors: sessions, identify and tab events.</summary>
internal sealed class VisitorSteps : IDisposable
{
    public const long T0 = 1_700_000_000_000;

    private VisitorSteps(HttpClient admin, HttpClient ingest, string projectId)
    {
        Admin = admin;
        Ingest = ingest;
        ProjectId = projectId;
    }

    public HttpClient Admin { get; }

    public HttpClient Ingest { get; }

    public string ProjectId { get; }

    public static async Task<VisitorSteps> CreateAsync(SessionKitApp app)
    {
        var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Visitors" });
        var project = await created.Content.ReadFromJsonAsync<JsonObject>();
        var ingest = app.CreateClient();
        ingest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)project!["ingestKey"]!);
        return new VisitorSteps(admin, ingest, (string)project["id"]!);
    }

    public static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    /// <summary>Starts a session on the device and posts one batch of <paramref name="events"/> (a plain event first).</summary>
    public async Task<string> RecordAsync(string visitorId, long startMs, long endMs, params JsonObject[] events)
    {
        var sessionId = NewId("s");
        var started = await Ingest.PostAsJsonAsync("/api/v1/sessions/", new { id = sessionId, visitorId, tabId = "tab-" + sessionId, userAgent = "agent-" + visitorId });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        await PostAsync(sessionId, 0, [Plain(startMs), .. events, Plain(endMs)]);
        return sessionId;
    }

    public async Task PostAsync(string sessionId, long seq, params JsonObject[] events)
    {
        var answer = await Ingest.PostBatchAsync(sessionId, seq, new JsonArray([.. events]));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    public static JsonObject Plain(long atMs) => new() { ["type"] = 3, ["timestamp"] = T0 + atMs, ["data"] = new JsonObject { ["source"] = 1 } };

    public static JsonObject Identify(string userId, long atMs, JsonObject? traits = null) =>
        Custom("sessionkit/identify", atMs, new JsonObject { ["userId"] = userId, ["traits"] = traits ?? [] });

    public static JsonObject Tab(string kind, long atMs) => Custom("sessionkit/tab", atMs, new JsonObject { ["kind"] = kind });

    public Task<JsonObject?> GetAsync(string path) =>
        Admin.GetFromJsonAsync<JsonObject>(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "projectId=" + ProjectId);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path) =>
        Admin.SendAsync(new HttpRequestMessage(method, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "projectId=" + ProjectId));

    public static IReadOnlyList<string> Strings(JsonNode? array, string property) =>
        [.. array!.AsArray().Select(item => (string)item![property]!)];

    public void Dispose()
    {
        Admin.Dispose();
        Ingest.Dispose();
    }

    private static JsonObject Custom(string tag, long atMs, JsonObject payload) =>
        new() { ["type"] = 5, ["timestamp"] = T0 + atMs, ["data"] = new JsonObject { ["tag"] = tag, ["payload"] = payload } };
}
