using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>WatchProject also brings SignalRaised: an agent hears of a struggling visitor at once.</summary>
public sealed class LiveSignalTests
{
    private const long T = 1_732_183_200_000;

    [Fact]
    public async Task ProjectWatchersAreToldOfASignalAsItIsRaised()
    {
        using var app = new SessionKitApp();
        await using var agent = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await agent.InvokeAsync("WatchProject", "default");
        using var ingest = await app.CreateIngestClientAsync();
        var id = $"live-signal-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = EventStream.Shop })).StatusCode);

        var events = new JsonArray([.. new EventStream().Load(T).Clicks(T + 1000, 3, 150).Events.Select(json => JsonNode.Parse(json))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, 0, events)).StatusCode);

        var raised = (await agent.WaitForAsync("SignalRaised", args => args[0].GetProperty("sessionId").GetString() == id, LiveSteps.Wait))[0];
        Assert.Equal("default", raised.GetProperty("projectId").GetString());
        Assert.Equal(25, raised.GetProperty("score").GetInt32());
        var signal = raised.GetProperty("signal");
        Assert.Equal("rage_click", signal.GetProperty("type").GetString());
        Assert.Equal("3 clicks within 300 ms on 'Pay now'", signal.GetProperty("explanation").GetString());
        Assert.Equal("button#pay", signal.GetProperty("target").GetProperty("selector").GetString());
    }
}
