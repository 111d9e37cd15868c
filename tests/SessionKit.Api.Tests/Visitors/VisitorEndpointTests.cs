using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using static SessionKit.Api.Tests.Visitors.VisitorSteps;

namespace SessionKit.Api.Tests.Visitors;

public sealed class VisitorEndpointTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    [Fact]
    public async Task TwoTabsOfADeviceAreOneJourneyThatFollowsTheFrontTab()
    {
        using var steps = await CreateAsync(fixture.App);
        var device = NewId("v");
        // The left tab opens at 0; the right one opens at 10 s and is in front until it is hidden at 20 s,
        // when the left one is focused again.
        var left = await steps.RecordAsync(device, 0, 30_000, Tab("opened", 0), Tab("focused", 20_000));
        var right = await steps.RecordAsync(device, 10_000, 25_000, Tab("opened", 10_000), Tab("hidden", 20_000));

        var visitor = await steps.GetAsync($"/api/v1/visitors/{device}");

        Assert.Equal(new[] { left, right }.Order(), Strings(visitor!["sessions"], "id").Order());
        var journey = Assert.Single(visitor["journeys"]!.AsArray())!;
        Assert.Equal([left, right], Strings(journey["lanes"], "sessionId"));
        var front = journey["front"]!.AsArray().Select(interval => ((string)interval!["sessionId"]!, (long)interval["fromMs"]! - T0, (long)interval["toMs"]! - T0));
        Assert.Equal([(left, 0L, 10_000L), (right, 10_000L, 20_000L), (left, 20_000L, 30_000L)], front);
    }

    [Fact]
    public async Task APersonShowsItsDevicesSessionsAndTraitsAnonymousOnesIncluded()
    {
        using var steps = await CreateAsync(fixture.App);
        var (laptop, phone) = (NewId("v"), NewId("v"));
        var anonymous = await steps.RecordAsync(laptop, 0, 1_000);
        var identified = await steps.RecordAsync(laptop, 2_000, 3_000, Identify("ada", 2_500, new JsonObject { ["plan"] = "pro", ["seats"] = 3 }));
        var mobile = await steps.RecordAsync(phone, 3_600_000, 3_700_000, Identify("ada", 3_600_500));

        var person = await steps.GetAsync("/api/v1/persons/ada");

        Assert.Equal(new[] { anonymous, identified, mobile }.Order(), Strings(person!["sessions"], "id").Order());
        Assert.Equal(new[] { laptop, phone }.Order(), Strings(person["devices"], "visitorId").Order());
        Assert.Equal("pro", (string)person["traits"]!["plan"]!);
        Assert.Equal("3", (string)person["traits"]!["seats"]!);
        Assert.Equal(2, person["journeys"]!.AsArray().Count);
        var visitor = await steps.GetAsync($"/api/v1/visitors/{laptop}");
        Assert.Equal(["ada"], Strings(visitor!["aliases"], "userId"));
    }

    [Fact]
    public async Task TheSessionListFiltersByUserIdAndTrait()
    {
        using var steps = await CreateAsync(fixture.App);
        var ada = await steps.RecordAsync(NewId("v"), 0, 1_000, Identify("ada", 500, new JsonObject { ["plan"] = "pro" }));
        var grace = await steps.RecordAsync(NewId("v"), 0, 1_000, Identify("grace", 500, new JsonObject { ["plan"] = "free" }));
        await steps.RecordAsync(NewId("v"), 0, 1_000);
        var list = $"/api/v1/projects/{steps.ProjectId}/sessions";

        Assert.Equal([ada], Strings((await steps.Admin.GetFromJsonAsync<JsonObject>($"{list}?userId=ada"))!["items"], "id"));
        Assert.Equal([grace], Strings((await steps.Admin.GetFromJsonAsync<JsonObject>($"{list}?trait=plan:free"))!["items"], "id"));
        Assert.Empty((await steps.Admin.GetFromJsonAsync<JsonObject>($"{list}?trait=plan:pro&userId=grace"))!["items"]!.AsArray());
        await ProblemAssert.IsProblemAsync(await steps.Admin.GetAsync($"{list}?trait=plan"), HttpStatusCode.BadRequest, "trait without value");
        await ProblemAssert.IsProblemAsync(await steps.Admin.GetAsync($"{list}?trait=:pro"), HttpStatusCode.BadRequest, "trait without name");
    }

    [Fact]
    public async Task PrivateTraitsOfTheProjectAreNeverStored()
    {
        using var steps = await CreateAsync(fixture.App);
        var patched = await steps.Admin.PatchAsJsonAsync($"/api/v1/projects/{steps.ProjectId}", new { privateTraits = new[] { "email" } });
        Assert.Equal(["email"], (await patched.Content.ReadFromJsonAsync<JsonObject>())!["privateTraits"]!.AsArray().Select(name => (string)name!));

        await steps.RecordAsync(NewId("v"), 0, 1_000, Identify("ada", 500, new JsonObject { ["email"] = "ada@example.com", ["plan"] = "pro" }));

        var traits = (await steps.GetAsync("/api/v1/persons/ada"))!["traits"]!.AsObject();
        Assert.Equal(["plan"], traits.Select(trait => trait.Key));
        var bad = await steps.Admin.PatchAsJsonAsync($"/api/v1/projects/{steps.ProjectId}", new { privateTraits = new[] { "" } });
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "empty private trait");
    }

    [Fact]
    public async Task BadOrUnknownIdsAnswerProblemDetails()
    {
        using var steps = await CreateAsync(fixture.App);

        await ProblemAssert.IsProblemAsync(await steps.SendAsync(HttpMethod.Get, "/api/v1/persons/" + new string('x', 300)), HttpStatusCode.BadRequest, "long user id");
        await ProblemAssert.IsProblemAsync(await steps.SendAsync(HttpMethod.Get, "/api/v1/persons/nobody"), HttpStatusCode.NotFound, "unknown person");
        await ProblemAssert.IsProblemAsync(await steps.SendAsync(HttpMethod.Get, "/api/v1/visitors/nobody"), HttpStatusCode.NotFound, "unknown visitor");
        await ProblemAssert.IsProblemAsync(await steps.SendAsync(HttpMethod.Delete, "/api/v1/persons/nobody"), HttpStatusCode.NotFound, "erasing an unknown person");
        await ProblemAssert.IsProblemAsync(await steps.Admin.GetAsync("/api/v1/persons/ada?projectId=no-such-project"), HttpStatusCode.NotFound, "unknown project");
        await ProblemAssert.IsProblemAsync(await steps.Admin.GetAsync("/api/v1/persons/ada?projectId=Bad%2FId"), HttpStatusCode.BadRequest, "malformed project");
        using var stranger = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/persons/ada")).StatusCode);
    }
}
