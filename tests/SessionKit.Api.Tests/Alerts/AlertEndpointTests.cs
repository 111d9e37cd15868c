using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Alerts;

public sealed class AlertEndpointTests
{
    [Fact]
    public async Task WebhooksAndRulesAreCreatedListedReplacedAndDeleted()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        const string hooks = "/api/v1/projects/default/webhooks";
        const string rules = "/api/v1/projects/default/alert-rules";

        var hook = (await (await admin.PostAsJsonAsync(hooks, new { name = "Team", url = "https://hooks.example.com/a", format = "discord" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var hookId = (string)hook["id"]!;
        Assert.Equal(64, ((string)hook["secret"]!).Length);
        var replaced = (await (await admin.PutAsJsonAsync($"{hooks}/{hookId}", new { name = "Team", url = "https://hooks.example.com/b" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((string)hook["secret"]!, (string)replaced["secret"]!);
        Assert.Equal("json", (string)replaced["format"]!);

        var created = await admin.PostAsJsonAsync(rules, new { name = "Score above 70", minScore = 70, webhookIds = new[] { hookId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var ruleId = (string)rule["id"]!;
        Assert.True((bool)rule["enabled"]!);
        Assert.Equal(created.Headers.Location!.ToString(), $"{rules}/{ruleId}");

        var update = await admin.PutAsJsonAsync($"{rules}/{ruleId}", new { name = "Rage on checkout", signalType = "rage_click", urlContains = "/checkout", enabled = false });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonArray>(rules))!;
        var only = Assert.Single(listed);
        Assert.Equal("rage_click", (string)only!["signalType"]!);
        Assert.Null(only["minScore"]);
        Assert.Empty(only["webhookIds"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{rules}/{ruleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{hooks}/{hookId}")).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>(rules))!);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>(hooks))!);
    }

    [Fact]
    public async Task BadRulesAndWebhooksAnswerProblemDetails()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        const string hooks = "/api/v1/projects/default/webhooks";
        const string rules = "/api/v1/projects/default/alert-rules";

        foreach (var (body, name) in new (object, string)[]
        {
            (new { name = "x", url = "ftp://hooks.example.com/" }, "a non-http url"),
            (new { name = "x", url = "/relative" }, "a relative url"),
            (new { name = "x", url = "https://hooks.example.com/", format = "teams" }, "an unknown format"),
            (new { name = "x", url = "https://hooks.example.com/", secret = "short" }, "a short secret"),
            (new { name = "", url = "https://hooks.example.com/" }, "no name"),
        })
        {
            await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync(hooks, body), HttpStatusCode.BadRequest, name);
        }

        foreach (var (body, name) in new (object, string)[]
        {
            (new { name = "x" }, "neither a signal nor a score"),
            (new { name = "x", signalType = "sad_click" }, "an unknown signal"),
            (new { name = "x", minScore = 100 }, "an unreachable score"),
            (new { name = "x", minScore = 50, webhookIds = new[] { "nope" } }, "an unknown webhook"),
        })
        {
            await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync(rules, body), HttpStatusCode.BadRequest, name);
        }

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/projects/nope/alert-rules"), HttpStatusCode.NotFound, "unknown project");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"{rules}/nope"), HttpStatusCode.NotFound, "unknown rule");
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"{hooks}/nope"), HttpStatusCode.NotFound, "unknown webhook");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"{hooks}/nope/deliveries"), HttpStatusCode.NotFound, "deliveries of an unknown webhook");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(rules)).StatusCode);
    }
}
