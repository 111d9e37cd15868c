using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Api.Tests.Live;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Signals;

public sealed class SignalEndpointTests
{
    private const long T = 1_732_183_200_000;

    [Fact]
    public async Task ASessionsSignalsAreListedExplainedWithItsScoreAndTheListFiltersAndSortsByThem()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var project = (await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Signals" })).Content.ReadFromJsonAsync<JsonObject>())!;
        using var ingest = app.CreateClient();
        ingest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)project["ingestKey"]!);
        var calm = await StartAsync(ingest, "calm", new EventStream().Load(T).Later(T + 500));
        var raging = await StartAsync(ingest, "raging", new EventStream().Load(T).Clicks(T + 1000, 3, 210).Later(T + 5000));
        var erring = await StartAsync(ingest, "erring", new EventStream().Load(T).Click(T + 1000).Error(T + 1300).Later(T + 5000));

        // Signals are evaluated after ingest answered: wait for the two sessions that raise some.
        await ScoredAsync(admin, erring);
        var signals = await ScoredAsync(admin, raging);
        Assert.Equal(35, (int)signals["score"]!);
        Assert.Equal(EventStream.Shop, (string)signals["pages"]![0]!["url"]!);
        var rage = signals["signals"]![0]!;
        Assert.Equal("rage_click", (string)rage["type"]!);
        Assert.Equal(T + 1000, (long)rage["at"]!);
        Assert.Equal("button#pay", (string)rage["target"]!["selector"]!);
        Assert.Equal("Pay now", (string)rage["target"]!["text"]!);
        Assert.Equal(420, (int)rage["evidence"]!["spanMs"]!);
        Assert.Equal(3, rage["evidence"]!["clicks"]!.AsArray().Count);
        Assert.Equal("3 clicks within 420 ms on 'Pay now'", (string)rage["explanation"]!);
        Assert.Equal("dead_click", (string)signals["signals"]![1]!["type"]!);

        var path = $"/api/v1/projects/{project["id"]}/sessions";
        Assert.Equal([raging], Ids(await admin.GetFromJsonAsync<JsonObject>($"{path}?signal=rage_click")));
        Assert.Equal([erring, raging], Ids(await admin.GetFromJsonAsync<JsonObject>($"{path}?minScore=20")));
        Assert.Equal([raging, erring], Ids(await admin.GetFromJsonAsync<JsonObject>($"{path}?minScore=20&sort=score")));
        var byScore = (await admin.GetFromJsonAsync<JsonObject>($"{path}?sort=score"))!;
        Assert.Equal([raging, erring, calm], Ids(byScore));
        Assert.Equal([35, 20, 0], byScore["items"]!.AsArray().Select(item => (int)item!["frustrationScore"]!));
        Assert.Equal(["dead_click", "rage_click"], byScore["items"]![0]!["signalTypes"]!.AsArray().Select(type => (string)type!));
    }

    [Fact]
    public async Task BadSignalQueriesAnswerProblemDetails()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var path = "/api/v1/projects/default/sessions";

        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"{path}?signal=sad_click"), HttpStatusCode.BadRequest, "unknown signal");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"{path}?minScore=101"), HttpStatusCode.BadRequest, "score over 100");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"{path}?sort=loudest"), HttpStatusCode.BadRequest, "unknown sort");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/sessions/no-such-session/signals"), HttpStatusCode.NotFound, "unknown session");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/sessions/any/signals")).StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient ingest, string name, EventStream stream)
    {
        var id = $"{name}-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = EventStream.Shop })).StatusCode);
        var events = new JsonArray([.. stream.Events.Select(json => JsonNode.Parse(json))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, 0, events)).StatusCode);
        return id;
    }

    private static Task<JsonObject> ScoredAsync(HttpClient admin, string session) => LiveSteps.EventuallyAsync(async () =>
        await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{session}/signals") is { } signals && (int)signals["score"]! > 0 ? signals : null);

    private static List<string> Ids(JsonObject? page) => [.. page!["items"]!.AsArray().Select(item => (string)item!["id"]!)];
}
