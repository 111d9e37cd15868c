using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using static SessionKit.Api.Tests.Visitors.VisitorSteps;

namespace SessionKit.Api.Tests.Visitors;

public sealed class PersonErasureTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    [Fact]
    public async Task ErasureLeavesNothingOfThePersonAndItsSessionsStayGone()
    {
        using var steps = await CreateAsync(fixture.App);
        var (laptop, phone) = (NewId("v"), NewId("v"));
        var anonymous = await steps.RecordAsync(laptop, 0, 1_000);
        var identified = await steps.RecordAsync(laptop, 2_000, 3_000, Identify("ada", 2_500, new JsonObject { ["plan"] = "pro" }));
        var mobile = await steps.RecordAsync(phone, 10_000, 11_000, Identify("ada", 10_500));
        var someoneElse = await steps.RecordAsync(NewId("v"), 0, 1_000, Identify("grace", 500));
        var comment = await steps.Admin.PostAsJsonAsync($"/api/v1/sessions/{identified}/comments", new { text = "note", at = T0 + 2_600 });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);

        var erased = await steps.SendAsync(HttpMethod.Delete, "/api/v1/persons/ada");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var answer = await erased.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((3, 2), ((int)answer!["erasedSessions"]!, (int)answer["erasedDevices"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await steps.SendAsync(HttpMethod.Get, "/api/v1/persons/ada")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steps.SendAsync(HttpMethod.Get, $"/api/v1/visitors/{laptop}")).StatusCode);
        foreach (var session in new[] { anonymous, identified, mobile })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await steps.Admin.GetAsync($"/api/v1/sessions/{session}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await steps.Admin.GetAsync($"/api/v1/sessions/{session}/events")).StatusCode);
        }

        var list = $"/api/v1/projects/{steps.ProjectId}/sessions";
        Assert.Equal([someoneElse], Strings((await steps.Admin.GetFromJsonAsync<JsonObject>(list))!["items"], "id"));
        Assert.Empty((await steps.Admin.GetFromJsonAsync<JsonObject>($"{list}?userId=ada"))!["items"]!.AsArray());
        Assert.Empty((await steps.Admin.GetFromJsonAsync<JsonObject>($"{list}?trait=plan:pro"))!["items"]!.AsArray());

        // The SDK still holding queued batches (an identify among them) or restarting the session gets 410 and stores nothing.
        var late = await steps.Ingest.PostBatchAsync(identified, 1, new JsonArray(Identify("ada", 2_900), Plain(2_950)));
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Gone, "a new batch of an erased session");
        var resent = await steps.Ingest.PostBatchAsync(identified, 0, new JsonArray(Plain(2_000)));
        await ProblemAssert.IsProblemAsync(resent, HttpStatusCode.Gone, "a resent batch of an erased session");
        var restarted = await steps.Ingest.PostAsJsonAsync("/api/v1/sessions/", new { id = identified, visitorId = laptop });
        await ProblemAssert.IsProblemAsync(restarted, HttpStatusCode.Gone, "restarting an erased session");
        Assert.Equal(HttpStatusCode.NotFound, (await steps.SendAsync(HttpMethod.Get, "/api/v1/persons/ada")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steps.Admin.GetAsync($"/api/v1/sessions/{identified}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await steps.SendAsync(HttpMethod.Get, "/api/v1/persons/grace")).StatusCode);
    }
}
