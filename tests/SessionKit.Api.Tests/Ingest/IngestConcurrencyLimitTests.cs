using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>
/// With room for one ingest request and none waiting, a second request while the first is held inside
/// the server answers 503 with Retry-After, and ingest works again once the first completes. The first
/// request is held where a slow body or a slow disk would hold it: inside the endpoint, before storing.
/// </summary>
public sealed class IngestConcurrencyLimitTests : IDisposable
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _heldSession = "held-" + Guid.NewGuid().ToString("N");
    private readonly SessionKitApp _app;

    public IngestConcurrencyLimitTests()
    {
        _app = new SessionKitApp(
            new Dictionary<string, string?>
            {
                ["SessionKit:Ingest:MaxConcurrentRequests"] = "1",
                ["SessionKit:Ingest:MaxQueuedRequests"] = "0",
            },
            services => services.InterceptSessionStore(new SessionStoreHooks
            {
                BeforeAppendBatch = async batch =>
                {
                    if (batch.SessionId == _heldSession)
                    {
                        _entered.TrySetResult();
                        await _release.Task;
                    }
                },
            }));
    }

    [Fact]
    public async Task RequestBeyondTheLimitAnswers503WithRetryAfterUntilRoomFreesUp()
    {
        using var ingest = await _app.CreateIngestClientAsync();
        await ingest.StartSessionAsync(id: _heldSession);
        var other = await ingest.StartSessionAsync();

        var held = ingest.PostBatchAsync(_heldSession, 0, Events());
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var rejected = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sessions/{other}/events")
        {
            Content = JsonContent.Create(new { seq = 0, events = Events() }),
        };
        rejected.Headers.Add("Origin", "https://shop.example.com");
        using (var response = await ingest.SendAsync(rejected))
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "over the limit");
            Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
            Assert.Contains("MaxConcurrentRequests", (string?)problem["detail"]);
            // The SDK in a page must be able to read the status and Retry-After.
            Assert.Equal("https://shop.example.com", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }

        using (var start = await ingest.PostAsJsonAsync("/api/v1/sessions/", new { url = "https://shop.example.com/" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        }

        _release.SetResult();
        using (var first = await held)
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var afterwards = await ingest.PostBatchAsync(other, 0, Events());
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
    }

    [Fact]
    public async Task ReadingIsNotLimitedByIngest()
    {
        using var ingest = await _app.CreateIngestClientAsync();
        await ingest.StartSessionAsync(id: _heldSession);
        var held = ingest.PostBatchAsync(_heldSession, 0, Events());
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        using var admin = _app.CreateAdminClient();
        using var read = await admin.GetAsync($"/api/v1/sessions/{_heldSession}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        _release.SetResult();
        (await held).Dispose();
    }

    [Theory]
    [InlineData("MaxConcurrentRequests", "0")]
    [InlineData("MaxQueuedRequests", "-1")]
    public void OutOfRangeLimitsStopTheServerFromStarting(string setting, string value)
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { [$"SessionKit:Ingest:{setting}"] = value });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(setting, failure.ToString());
    }

    public void Dispose()
    {
        _release.TrySetResult();
        _app.Dispose();
    }

    private static JsonArray Events() => [new JsonObject { ["type"] = 3, ["timestamp"] = 1 }];
}
