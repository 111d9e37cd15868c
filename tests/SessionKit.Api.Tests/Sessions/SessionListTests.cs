using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Api.Tests.Ingest;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Sessions;

public sealed class SessionListTests
{
    [Fact]
    public async Task ListIsNewestFirstPagedAndFiltered()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "List test" });
        var project = await created.Content.ReadFromJsonAsync<JsonObject>();
        using var ingest = app.CreateClient();
        ingest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)project!["ingestKey"]!);

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = $"list-{i}-{Guid.NewGuid():N}"[..30];
            var response = await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = i % 2 == 0 ? "https://shop.example.com/cart" : "https://shop.example.com/home", startedAt = start.AddMinutes(i), screen = new { width = 1280, height = 800 } });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            // Session i lasts i seconds.
            var events = new JsonArray { Event(4, 0, "https://shop.example.com/page" + i), Event(3, i * 1000) };
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, 0, events)).StatusCode);
            ids.Add(id);
        }

        var path = $"/api/v1/projects/{project["id"]}/sessions";
        var all = await admin.GetFromJsonAsync<JsonObject>(path);
        Assert.Equal(Enumerable.Reverse(ids), Ids(all!));

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonObject>($"{path}?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(Ids(page!).Count <= 2);
            paged.AddRange(Ids(page!));
            cursor = (string?)page!["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(ids), paged);

        var cart = await admin.GetFromJsonAsync<JsonObject>($"{path}?url=CART");
        Assert.Equal([ids[4], ids[2], ids[0]], Ids(cart!));

        var page3 = await admin.GetFromJsonAsync<JsonObject>($"{path}?url=page3");
        Assert.Equal([ids[3]], Ids(page3!));

        var long3 = await admin.GetFromJsonAsync<JsonObject>($"{path}?minDurationMs=3000");
        Assert.Equal([ids[4], ids[3]], Ids(long3!));

        var range = await admin.GetFromJsonAsync<JsonObject>($"{path}?from={Uri.EscapeDataString(start.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(3).ToString("O"))}");
        Assert.Contains(ids[1], Ids(range!));
        Assert.Contains(ids[2], Ids(range!));
        Assert.DoesNotContain(ids[0], Ids(range!));
        Assert.DoesNotContain(ids[4], Ids(range!));

        var session = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{ids[3]}");
        Assert.Equal(3000, session!["durationMs"]!.GetValue<long>());
        Assert.Equal("https://shop.example.com/home", (string?)session["firstUrl"]);
        Assert.Equal(["https://shop.example.com/home", "https://shop.example.com/page3"], session["pages"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(1280, session["screen"]!["width"]!.GetValue<int>());
        Assert.Equal("active", (string?)session["status"]);
    }

    [Fact]
    public async Task UnknownProjectIsNotFound()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/projects/no-such-project/sessions");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedStartWithSameIdIsIdempotent()
    {
        using var app = new SessionKitApp();
        using var ingest = await app.CreateIngestClientAsync();
        var id = Guid.NewGuid().ToString("N");
        using var first = await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = "https://a.example/" });
        using var second = await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = "https://a.example/" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(id, (string?)(await second.Content.ReadFromJsonAsync<JsonObject>())!["id"]);

        using var admin = app.CreateAdminClient();
        var other = await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Other" })).Content.ReadFromJsonAsync<JsonObject>();
        using var otherIngest = app.CreateClient();
        otherIngest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)other!["ingestKey"]!);
        using var taken = await otherIngest.PostAsJsonAsync("/api/v1/sessions/", new { id });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        using var foreignAppend = await otherIngest.PostBatchAsync(id, 0, DuplicateBatchTests.Events(1, 1));
        Assert.Equal(HttpStatusCode.NotFound, foreignAppend.StatusCode);
    }

    private static JsonObject Event(int type, long timestamp, string? href = null) => new()
    {
        ["type"] = type,
        ["timestamp"] = 1_700_000_000_000 + timestamp,
        ["data"] = href is null ? new JsonObject { ["source"] = 1 } : new JsonObject { ["href"] = href, ["width"] = 800, ["height"] = 600 },
    };

    private static List<string> Ids(JsonObject page) => page["items"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
}
